import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, signIn, useBrowser, waitForHydration } from "./browser.ts";
import { withE2eDatabase } from "./database.ts";

const PASSWORD = DEMO_PASSWORD;
/** The newest demo quarter (published): its weak items lead to plans for the next one. */
const SOURCE_QUARTER = "2026-Q3";
const TARGET_QUARTER = "2026-Q4";
/** A day in the target quarter not used by the other journeys. */
const DAY = "2026-10-13";
const HEADER = "date,agent_code,channel,contacts,first_response_sec_sum,answered_within_90s,resolved,resolved_first_contact,repeat_contacts_30d,complaints";

interface Cast {
  hr: string;
  manager: string;
  /** An agent of the manager's teams not on any plan, with FCR under 70/100 in SOURCE_QUARTER. */
  agent: { code: string; email: string; fcrBefore: number };
  /** Another active agent (may not see the plan). */
  otherAgentEmail: string;
}

async function cast(): Promise<Cast> {
  return withE2eDatabase(async (db) => {
    const hr = (await db.selectFrom("users").select("email").where("role", "=", "hr").orderBy("id").executeTakeFirstOrThrow()).email;
    const manager = await db.selectFrom("users").select(["id", "email"]).where("role", "=", "manager").orderBy("id").executeTakeFirstOrThrow();
    const teams = (await db.selectFrom("user_teams").select("team_id").where("user_id", "=", manager.id).execute()).map((t) => t.team_id);
    const planned = (await db.selectFrom("coaching_plans").select("agent_id").execute()).map((p) => p.agent_id);
    const agent = await db
      .selectFrom("quarter_metric_results as m")
      .innerJoin("quarter_results as r", (j) => j.onRef("r.quarter_id", "=", "m.quarter_id").onRef("r.agent_id", "=", "m.agent_id"))
      .innerJoin("agents as a", "a.id", "m.agent_id")
      .innerJoin("users as u", "u.agent_id", "a.id")
      .select(["a.agent_code", "u.email", "m.raw_value"])
      .where("m.quarter_id", "=", SOURCE_QUARTER)
      .where("m.metric_key", "=", "first_contact_resolution")
      .where("m.normalized", "<", 70)
      .where("r.team_id", "in", teams)
      .where("a.id", "not in", planned.length > 0 ? planned : [-1])
      .where("u.active", "=", 1)
      .orderBy("a.agent_code")
      .executeTakeFirstOrThrow();
    const other = await db
      .selectFrom("users")
      .select("email")
      .where("role", "=", "agent")
      .where("active", "=", 1)
      .where("email", "!=", agent.email)
      .orderBy("email")
      .executeTakeFirstOrThrow();
    return { hr, manager: manager.email, agent: { code: agent.agent_code, email: agent.email, fcrBefore: Number(agent.raw_value) }, otherAgentEmail: other.email };
  });
}

const browser = useBrowser({ expectedErrors: /status of 404/ });
let users: Cast;
let planPath: string;

beforeAll(async () => {
  users = await cast();
});

describe("coaching journey: suggestion → plan → acknowledgement → measured outcome", () => {
  it("the manager sees the quarter's weak items and assigns a plan from a suggestion", async () => {
    const page = await browser.signedIn(users.manager);
    await page.getByRole("link", { name: "Coaching", exact: true }).click();
    await page.waitForURL((url) => url.pathname === "/coaching");
    await page.goto(`/coaching?quarter=${SOURCE_QUARTER}`);
    await waitForHydration(page);
    // An overdue demo plan (due 2026-10-30, still open) is flagged.
    await page.getByTestId("overdue-plans-notice").waitFor();
    expect(await page.locator('[data-testid="plan-row"][data-overdue="true"]').count()).toBeGreaterThan(0);

    const row = page.locator(`[data-testid="suggestion-row"][data-agent="${users.agent.code}"][data-metric="first_contact_resolution"]`);
    await expect(row.innerText()).resolves.toContain("1:1 mentoring on case handling");
    await expect(row.innerText()).resolves.toContain("Efficiency"); // shown with its dimension
    await Promise.all([page.waitForURL((url) => url.pathname === "/coaching/assign"), row.getByTestId("assign-link").click()]);
    await waitForHydration(page);
    await page.getByRole("heading", { name: `Assign a coaching plan to ${users.agent.code}`, exact: false }).waitFor();

    // A target that is not better than the current value is refused with a clear message, nothing saved.
    await page.getByLabel("Target: at least").fill(String(Math.floor(users.agent.fcrBefore) - 5));
    const due = new Date(Date.now() + 45 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel("Due date").fill(due);
    await page.getByLabel("Activities").fill("Weekly 1:1 on unresolved cases; knowledge-base test by the end of the month.");
    await page.getByRole("button", { name: "Assign plan" }).click();
    await expect(page.getByTestId("error-target").innerText()).resolves.toBe("The target must be better than the agent's current value.");

    await page.getByLabel("Target: at least").fill("90");
    await Promise.all([page.waitForURL((url) => url.pathname.startsWith("/coaching/plans/")), page.getByRole("button", { name: "Assign plan" }).click()]);
    await waitForHydration(page);
    planPath = new URL(page.url()).pathname;
    await expect(page.getByTestId("plan-status").innerText()).resolves.toBe("Assigned");
    await expect(page.getByTestId("plan-target").innerText()).resolves.toBe("≥ 90%");
    await expect(page.getByTestId("plan-outcome").count()).resolves.toBe(0); // not measured yet
  });

  it("another agent gets a 404 for the plan; the agent sees it, acknowledges it and adds a note", async () => {
    const session = await browser.open();
    await signIn(session.page, users.otherAgentEmail, PASSWORD);
    expect((await session.page.goto(planPath))?.status()).toBe(404);
    await session.close();
    expect(session.errors.filter((e) => !/status of 404/.test(e))).toEqual([]);

    const page = await browser.signedIn(users.agent.email);
    await page.getByRole("link", { name: "My coaching" }).click();
    await page.waitForURL((url) => url.pathname === "/me/coaching");
    await waitForHydration(page);
    const mine = page.getByTestId("my-plan").filter({ hasText: "First-contact resolution" });
    await expect(mine.innerText()).resolves.toContain("≥ 90%");
    await Promise.all([page.waitForURL((url) => url.pathname === planPath), mine.getByRole("link").click()]);
    await waitForHydration(page);
    // The agent may acknowledge, but not start, complete or cancel.
    await expect(page.getByRole("button", { name: "Mark completed" }).count()).resolves.toBe(0);
    await page.getByRole("button", { name: "Acknowledge" }).click();
    await page.getByTestId("plan-status").filter({ hasText: "Acknowledged" }).waitFor();
    await page.getByLabel("Add a progress note").fill("Booked the knowledge-base test for next week.");
    await page.getByRole("button", { name: "Add note" }).click();
    await page.getByTestId("plan-notes").getByText("Booked the knowledge-base test for next week.").waitFor();
  });

  it("HR imports the next quarter's data and calculates it; the plan shows before, after and the outcome", async () => {
    const page = await browser.signedIn(users.hr);
    await page.goto("/hr/imports");
    await waitForHydration(page);
    await page.getByLabel("File type").selectOption("interactions");
    const csv = [HEADER, `${DAY},${users.agent.code},phone,100,3000,95,100,95,2,0`].join("\n");
    await page.locator('input[type="file"][name="file"]').setInputFiles({ name: "interactions.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await page.getByTestId("import-success").waitFor();

    // Before calculation the agent's page shows progress from the daily data, quarter to date.
    const agentPage = await browser.signedIn(users.agent.email);
    await agentPage.goto(planPath);
    await waitForHydration(agentPage);
    await expect(agentPage.getByTestId("plan-progress").innerText()).resolves.toContain("95%");
    await expect(agentPage.getByTestId("progress-on-track").innerText()).resolves.toContain("On track");

    await page.locator('select[name="quarter"]').selectOption(TARGET_QUARTER);
    await page.getByRole("button", { name: "Calculate", exact: true }).click();
    await page.getByTestId("calculate-success").waitFor();

    await page.goto(planPath);
    await waitForHydration(page);
    await expect(page.getByTestId("plan-outcome").innerText()).resolves.toBe("Target met");
    await expect(page.getByTestId("plan-after").innerText()).resolves.toBe("95%");
    const before = await page.getByTestId("plan-before").innerText();
    expect(Number(before.replace("%", ""))).toBeCloseTo(users.agent.fcrBefore, 2);

    // The printable appraisal report of the quarter whose weak items prompted the plan lists it, with its outcome.
    await page.goto(`/agents/${users.agent.code}/report?quarter=${SOURCE_QUARTER}`);
    await waitForHydration(page);
    const reported = page.getByTestId("report-plans").getByTestId("report-plan").filter({ hasText: "1:1 mentoring on case handling" });
    const reportedText = await reported.innerText();
    expect(reportedText).toContain("≥ 90%");
    expect(reportedText).toContain(`(${TARGET_QUARTER})`);
    expect(reportedText).toContain("Target met");

    // HR sees effectiveness per intervention and per mentor, with sample sizes.
    await page.goto("/coaching/effectiveness");
    await waitForHydration(page);
    const mentoring = page.getByTestId("effectiveness-interventions").getByTestId("effectiveness-row").filter({ hasText: "1:1 mentoring on case handling" });
    expect(Number(await mentoring.getByTestId("sample-size").innerText())).toBeGreaterThanOrEqual(1);
    expect(await page.getByTestId("effectiveness-mentors").getByTestId("effectiveness-row").count()).toBeGreaterThan(0);
  });
});

describe("HR: overdue plans and the intervention catalogue", () => {
  it("flags overdue plans on the HR overview and the manager's team page", async () => {
    const session = await browser.open();
    await signIn(session.page, users.hr, PASSWORD);
    await session.page.goto("/hr?quarter=2026-Q3");
    await waitForHydration(session.page);
    await expect(session.page.getByTestId("overdue-plans-notice").innerText()).resolves.toMatch(/\d+ coaching plans? (is|are) past/);
    await session.close();
    session.assertNoErrors();

    const page = await browser.signedIn(users.manager); // lands on the first team's page
    // The demo's overdue plan (due 2026-10-30) belongs to AG008 in manager1's first team.
    await page.getByTestId("overdue-plans-notice").waitFor();
  });

  it("HR adds an intervention to the catalogue; a duplicate name is refused with a clear message", async () => {
    const page = await browser.signedIn(users.hr);
    await page.goto("/coaching/catalogue");
    await waitForHydration(page);
    const form = page.getByTestId("intervention-new");
    await form.getByLabel("Name").fill("Product knowledge quiz");
    await form.getByLabel("Type").selectOption("knowledge_test");
    await form.getByLabel("Knowledge accuracy").check();
    await form.getByRole("button", { name: "Add intervention" }).click();
    await page.getByTestId("catalogue-saved").waitFor();
    await page.getByTestId("intervention-form").locator('input[name="name"][value="Product knowledge quiz"]').waitFor();

    const again = page.getByTestId("intervention-new");
    await again.getByLabel("Name").fill("Empathy workshop");
    await again.getByLabel("Empathy").check();
    await again.getByRole("button", { name: "Add intervention" }).click();
    await expect(page.getByTestId("catalogue-error").innerText()).resolves.toBe("An intervention with this name already exists.");
  });
});
