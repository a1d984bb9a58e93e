import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { useBrowser, waitForHydration } from "./browser.ts";
import { withE2eDatabase } from "./database.ts";

/** After the demo's published quarters: still open for imports and calculation. */
const OPEN_QUARTER = "2026-Q4";
const DAY = "2026-10-06";
const HEADER = "date,agent_code,channel,contacts,first_response_sec_sum,answered_within_90s,resolved,resolved_first_contact,repeat_contacts_30d,complaints";

const browser = useBrowser();
let hrEmail: string;
let agentCode: string;

async function interactionRowsOn(date: string): Promise<number> {
  return withE2eDatabase(async (db) => {
    const row = await db.selectFrom("interaction_daily").select((eb) => eb.fn.countAll<number>().as("n")).where("date", "=", date).executeTakeFirstOrThrow();
    return Number(row.n);
  });
}

beforeAll(async () => {
  await withE2eDatabase(async (db) => {
    hrEmail = (await db.selectFrom("users").select("email").where("role", "=", "hr").orderBy("id").executeTakeFirstOrThrow()).email;
    agentCode = (await db.selectFrom("agents").select("agent_code").where("leave_date", "is", null).orderBy("agent_code").executeTakeFirstOrThrow()).agent_code;
  });
});

async function upload(page: Page, csv: string, fileName = "interactions.csv") {
  await page.getByLabel("File type").selectOption("interactions");
  await page.locator('input[type="file"][name="file"]').setInputFiles({ name: fileName, mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
  await page.getByRole("button", { name: "Import", exact: true }).click();
}

describe("imports and calculation", () => {
  it("reports every problem of a bad interactions file by line and column, and imports nothing", async () => {
    const page = await browser.signedIn(hrEmail);
    await page.goto("/hr/imports");
    await waitForHydration(page);
    const csv = [
      HEADER,
      `${DAY},${agentCode},phone,40,1200,35,30,27,2,0`,
      `${DAY},${agentCode},chat,4O,300,,10,9,,`, // letter O instead of zero
      `${DAY},NOBODY,email,5,100,,,,,`,
    ].join("\n");
    await upload(page, csv);
    const problems = page.getByTestId("import-problems");
    await problems.waitFor();
    const rows = await problems.locator("tbody tr").allInnerTexts();
    expect(rows.some((r) => /^3\s+contacts\s+"4O" is not a whole number/.test(r))).toBe(true);
    expect(rows.some((r) => /^4\s+agent_code\s+Agent "NOBODY" is not known/.test(r))).toBe(true);
    await expect(page.getByTestId("import-error").innerText()).resolves.toContain("Nothing from this file was saved");
    expect(await interactionRowsOn(DAY)).toBe(0);
  });

  it("imports a valid file, shows the summary, then calculates the quarter", async () => {
    const page = await browser.signedIn(hrEmail);
    await page.goto("/hr/imports");
    await waitForHydration(page);
    await upload(page, [HEADER, `${DAY},${agentCode},phone,40,1200,35,30,27,2,0`, `${DAY},${agentCode},chat,12,150,,10,9,,`].join("\n"));
    await page.getByTestId("import-success").waitFor();
    await expect(page.getByTestId("summary-added").innerText()).resolves.toBe("2");
    await expect(page.getByTestId("summary-replaced").innerText()).resolves.toBe("0");
    expect(await interactionRowsOn(DAY)).toBe(2);

    // Same file again: nothing changes.
    await upload(page, [HEADER, `${DAY},${agentCode},phone,40,1200,35,30,27,2,0`, `${DAY},${agentCode},chat,12,150,,10,9,,`].join("\n"));
    await page.getByTestId("summary-unchanged").filter({ hasText: "2" }).waitFor();

    await page.locator('select[name="quarter"]').selectOption(OPEN_QUARTER);
    await page.getByRole("button", { name: "Calculate", exact: true }).click();
    const success = page.getByTestId("calculate-success");
    await success.waitFor();
    await expect(success.innerText()).resolves.toContain(`Quarter ${OPEN_QUARTER} calculated`);
    await Promise.all([page.waitForURL((url) => url.pathname === "/hr"), success.getByRole("link").click()]);
    await page.getByText(`Quarter ${OPEN_QUARTER} · Calculated`).waitFor();
  });

  it("refuses to calculate a locked (published) quarter and says so", async () => {
    const page = await browser.signedIn(hrEmail);
    const response = await page.request.post("/hr/imports", {
      form: { intent: "calculate", quarter: "2026-Q3" },
      headers: { Origin: new URL(page.url()).origin },
    });
    expect(response.status()).toBe(200);
    expect(await response.text()).toContain("Quarter 2026-Q3 is locked");
    // Published quarters are disabled in the select; a forged request gets the clear refusal.
    await page.goto("/hr/imports");
    await waitForHydration(page);
    await expect(page.locator('select[name="quarter"] option[value="2026-Q3"]').isDisabled()).resolves.toBe(true);
    const upload2 = [HEADER, `2026-08-03,${agentCode},phone,40,1200,35,30,27,2,0`].join("\n");
    await upload(page, upload2);
    await page.getByTestId("import-error").filter({ hasText: "locked or published" }).waitFor();
  });
});
