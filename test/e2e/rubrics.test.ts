import { beforeAll, describe, expect, it } from "vitest";
import { useBrowser, waitForHydration } from "./browser.ts";
import { withE2eDatabase } from "./database.ts";

const browser = useBrowser({ expectedErrors: /status of 40[34]/ });
let hrEmail: string;
let managerEmail: string;

/** Every stored result of the published demo quarters, to prove approval changes none of them. */
const publishedResults = () =>
  withE2eDatabase((db) =>
    db.selectFrom("quarter_results").select(["quarter_id", "agent_id", "rubric_version_id", "final_composite", "grade", "status"])
      .where("quarter_id", "<=", "2026-Q3").orderBy("quarter_id").orderBy("agent_id").execute(),
  );

beforeAll(async () => {
  [hrEmail, managerEmail] = await withE2eDatabase(async (db) => [
    (await db.selectFrom("users").select("email").where("role", "=", "hr").orderBy("id").executeTakeFirstOrThrow()).email,
    (await db.selectFrom("users").select("email").where("role", "=", "manager").orderBy("id").executeTakeFirstOrThrow()).email,
  ]);
});

describe("semiannual rubric review", () => {
  it("HR edits weights (a wrong total is refused, input kept), sees the what-if, attaches it, decides and approves", async () => {
    const before = await publishedResults();
    const page = await browser.signedIn(hrEmail);

    // The HR dashboard says the review of the current half is due or overdue.
    await page.goto("/hr");
    await waitForHydration(page);
    await expect(page.getByTestId("review-reminder").innerText()).resolves.toMatch(/semiannual rubric review for \d{4}-H[12] is (due|overdue)/);

    await Promise.all([page.waitForURL("**/hr/rubrics"), page.getByRole("link", { name: "Rubrics", exact: true }).click()]);
    await waitForHydration(page);
    await page.getByLabel("Start from").selectOption("active");
    await Promise.all([page.waitForURL(/\/hr\/rubrics\/\d+$/), page.getByRole("button", { name: "Create draft" }).click()]);
    await waitForHydration(page);
    const draftPath = new URL(page.url()).pathname;

    // 35 % FCR without lowering CSAT: 110 % — refused, with the message, and the typed value kept.
    const fcr = page.getByLabel("Weight % (first_contact_resolution)");
    const csat = page.getByLabel("Weight % (csat)");
    await fcr.fill("35");
    await page.getByRole("button", { name: "Save draft" }).click();
    const error = page.getByTestId("rubric-error");
    await error.waitFor();
    await expect(error.innerText()).resolves.toContain("weights total 110%, they must total 100%");
    await expect(fcr.inputValue()).resolves.toBe("35");

    await csat.fill("30");
    await page.getByRole("button", { name: "Save draft" }).click();
    await page.getByTestId("rubric-saved").waitFor();
    const stored = await withE2eDatabase((db) => db.selectFrom("rubric_versions").select(["definition", "status"]).where("id", "=", Number(draftPath.split("/").pop())).executeTakeFirstOrThrow());
    expect(stored.status).toBe("draft");
    const weights = (JSON.parse(stored.definition) as { dimensions: Array<{ metrics: Array<{ key: string; weightBp: number }> }> }).dimensions.flatMap((d) => d.metrics.map((m) => [m.key, m.weightBp]));
    expect(weights).toEqual([["first_response_time", 1500], ["first_contact_resolution", 3500], ["qa_score", 2000], ["csat", 3000]]);

    // The what-if: charts drawn after hydration, every agent in the table, a CSV to download.
    await Promise.all([page.waitForURL(`**${draftPath}/whatif`), page.getByTestId("whatif-link").click()]);
    await waitForHydration(page);
    await page.getByTestId("whatif-report").waitFor();
    await page.locator(".recharts-bar-rectangle").first().waitFor();
    const quarters = await page.getByTestId("whatif-quarter").evaluateAll((els) => els.map((e) => e.getAttribute("data-quarter")));
    expect(quarters).toHaveLength(2);
    const rows = await page.getByTestId("whatif-agents").locator("tbody tr").count();
    expect(rows).toBeGreaterThan(100);
    const csv = await page.request.get(await page.getByTestId("whatif-csv").getAttribute("href") as string);
    expect(csv.headers()["content-type"]).toContain("text/csv");
    const lines = (await csv.text()).replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]).toBe("quarter,agent_code,agent_name,team,composite_before,grade_before,status_before,composite_after,grade_after,status_after,change");
    expect(lines).toHaveLength(rows + 1);
    // Nothing stored changed by looking.
    expect(await publishedResults()).toEqual(before);

    // The review: open the current half, attach the what-if, decide with a rationale, approve.
    await page.goto("/hr/rubrics");
    await waitForHydration(page);
    const openButton = page.getByRole("button", { name: /Open the \d{4}-H[12] review/ });
    await Promise.all([page.waitForURL(/\/hr\/rubrics\/reviews\/\d{4}-H[12]$/), openButton.click()]);
    await waitForHydration(page);
    await page.getByRole("button", { name: "Run and attach what-if" }).click();
    await page.getByTestId("attached-whatif").waitFor();
    await page.getByRole("button", { name: "Approve" }).click();
    await expect(page.getByTestId("rubric-error").innerText()).resolves.toContain("Choose a decision");
    await page.getByLabel("Adopt the draft").check();
    await page.getByRole("textbox", { name: "Rationale" }).fill("Repeat contacts cost more than a slightly lower CSAT; FCR carries 35%.");
    await page.getByRole("button", { name: "Record decision" }).click();
    await page.getByTestId("review-decision").waitFor();
    await page.getByRole("button", { name: "Approve" }).click();
    const completed = page.getByTestId("review-completed");
    await completed.waitFor();
    const effective = /in effect from (\d{4}-Q[1-4])/.exec(await completed.innerText())?.[1];
    expect(effective).toBeDefined();

    const approved = await withE2eDatabase((db) => db.selectFrom("rubric_versions").select(["status", "effective_from"]).where("id", "=", Number(draftPath.split("/").pop())).executeTakeFirstOrThrow());
    expect(approved).toEqual({ status: "approved", effective_from: effective });
    // Activation never touches a past quarter's stored results.
    expect(await publishedResults()).toEqual(before);

    // Done for this half: the reminder is gone; the version is now read-only.
    await page.goto("/hr");
    await waitForHydration(page);
    await expect(page.getByTestId("review-reminder").count()).resolves.toBe(0);
    await page.goto(draftPath);
    await waitForHydration(page);
    await expect(page.getByRole("button", { name: "Save draft" }).count()).resolves.toBe(0);
  });

  it("HR adds a band and removes a metric in the form; the weights total is refused until a weight is fixed", async () => {
    const page = await browser.signedIn(hrEmail);
    await page.goto("/hr/rubrics");
    await waitForHydration(page);
    await page.getByLabel("Start from").selectOption("active");
    await Promise.all([page.waitForURL(/\/hr\/rubrics\/\d+$/), page.getByRole("button", { name: "Create draft" }).click()]);
    await waitForHydration(page);
    const draftId = Number(new URL(page.url()).pathname.split("/").pop());
    const stored = async () =>
      JSON.parse((await withE2eDatabase((db) => db.selectFrom("rubric_versions").select("definition").where("id", "=", draftId).executeTakeFirstOrThrow())).definition) as {
        dimensions: Array<{ key: string; metrics: Array<{ key: string; weightBp: number; rule: { bands?: unknown[] } }> }>;
      };

    // A band: the worst FCR band is split in two; still valid, so the draft is saved.
    const fcr = page.locator('[data-metric="first_contact_resolution"]');
    const bandsBefore = await fcr.getByTestId("band-row").count();
    await fcr.getByTestId("add-band").click();
    await page.getByTestId("rubric-saved").waitFor();
    await fcr.getByTestId("band-row").nth(bandsBefore).waitFor();
    await expect(fcr.getByTestId("band-row").count()).resolves.toBe(bandsBefore + 1);
    const fcrStored = (await stored()).dimensions.flatMap((d) => d.metrics).find((m) => m.key === "first_contact_resolution");
    expect(fcrStored?.rule.bands).toHaveLength(bandsBefore + 1);

    // Removing QA score leaves the weights short of 100 %: not saved, the precise message shown.
    const csat = page.getByLabel("Weight % (csat)");
    const csatBefore = Number(await csat.inputValue());
    const qaWeight = Number(await page.getByLabel("Weight % (qa_score)").inputValue());
    await page.locator('[data-metric="qa_score"]').getByTestId("remove-metric").click();
    const error = page.getByTestId("rubric-error");
    await error.waitFor();
    const message = `weights total ${100 - qaWeight}%, they must total 100%`;
    await expect(error.innerText()).resolves.toContain(message);
    await expect(page.locator('[data-testid="field-problem"][data-path="dimensions"]').innerText()).resolves.toContain(message);
    await expect(page.locator('[data-metric="qa_score"]').count()).resolves.toBe(0);
    expect((await stored()).dimensions.flatMap((d) => d.metrics.map((m) => m.key))).toContain("qa_score");

    // Give the weight to CSAT and save: the unsaved removal and the weight are saved together.
    await csat.fill(String(csatBefore + qaWeight));
    await page.getByRole("button", { name: "Save draft" }).click();
    await page.getByTestId("rubric-saved").waitFor();
    const saved = await stored();
    const metrics = saved.dimensions.flatMap((d) => d.metrics);
    expect(metrics.map((m) => m.key)).not.toContain("qa_score");
    expect(metrics.find((m) => m.key === "csat")?.weightBp).toBe((csatBefore + qaWeight) * 100);
    expect(metrics.reduce((s, m) => s + m.weightBp, 0)).toBe(10_000);
    expect(metrics.find((m) => m.key === "first_contact_resolution")?.rule.bands).toHaveLength(bandsBefore + 1);
  });

  it("compares two versions side by side", async () => {
    const page = await browser.signedIn(hrEmail);
    const ids = await withE2eDatabase(async (db) => (await db.selectFrom("rubric_versions").select("id").orderBy("version").execute()).map((r) => r.id));
    await page.goto(`/hr/rubrics/diff?a=${ids[0]}&b=${ids[ids.length - 1]}`);
    await waitForHydration(page);
    await page.getByTestId("rubric-diff").waitFor();
    if (ids.length > 1) {
      await expect(page.locator('[data-metric="first_contact_resolution"]').getAttribute("data-changed")).resolves.toBe("true");
      await expect(page.locator('[data-metric="first_response_time"]').getAttribute("data-changed")).resolves.toBe("false");
    }
    const bad = await page.goto("/hr/rubrics/diff?a=1&b=999999");
    expect(bad?.status()).toBe(404);
  });

  it("is HR only: a manager gets 403 on the page and on a forged POST", async () => {
    const page = await browser.signedIn(managerEmail);
    const response = await page.goto("/hr/rubrics");
    expect(response?.status()).toBe(403);
    await waitForHydration(page);
    await page.getByTestId("error-page").waitFor();
    const forged = await page.request.post("/hr/rubrics", { form: { intent: "createDraft", source: "active" }, headers: { Origin: new URL(page.url()).origin } });
    expect(forged.status()).toBe(403);
    const count = await withE2eDatabase(async (db) => Number((await db.selectFrom("rubric_versions").select((eb) => eb.fn.countAll<number>().as("n")).where("created_by", "=", managerEmail).executeTakeFirstOrThrow()).n));
    expect(count).toBe(0);
  });
});
