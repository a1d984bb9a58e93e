import { beforeAll, describe, expect, it } from "vitest";
import { useBrowser, waitForHydration } from "./browser.ts";
import { withE2eDatabase } from "./database.ts";

/**
 * A web upload above the size at which the import reads the file on a worker thread
 * (4 MB, decision 065), through the production build: every row is read and checked, the
 * one bad row near the end is reported by line and column, and nothing is saved.
 */
const HEADER = "date,agent_code,channel,contacts,first_response_sec_sum,answered_within_90s,resolved,resolved_first_contact,repeat_contacts_30d,complaints";

const browser = useBrowser();
let hrEmail: string;
let agentCodes: string[];

async function interactionRowCount(): Promise<number> {
  return withE2eDatabase(async (db) => {
    const row = await db.selectFrom("interaction_daily").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    return Number(row.n);
  });
}

beforeAll(async () => {
  await withE2eDatabase(async (db) => {
    hrEmail = (await db.selectFrom("users").select("email").where("role", "=", "hr").orderBy("id").executeTakeFirstOrThrow()).email;
    agentCodes = (await db.selectFrom("agents").select("agent_code").where("leave_date", "is", null).orderBy("agent_code").execute()).map((a) => a.agent_code);
  });
});

describe("large web upload", () => {
  it("checks every row of a > 4 MB file and reports the one bad row; nothing is saved", async () => {
    // Days of 2027 (an open quarter) × every active agent × three channels: all keys distinct.
    const lines = [HEADER];
    const channels = ["phone", "chat", "email"];
    for (let day = 0; lines.length < 110_000; day++) {
      const date = new Date(Date.UTC(2027, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
      for (const code of agentCodes) for (const channel of channels) lines.push(`${date},${code},${channel},40,1200,35,30,27,2,0`);
    }
    const badLine = lines.length - 5; // 1-based line number of the row replaced below
    lines[badLine - 1] = lines[badLine - 1]!.replace(",40,1200,", ",4O,1200,");
    const csv = `${lines.join("\n")}\n`;
    expect(csv.length).toBeGreaterThan(4_000_000);
    const before = await interactionRowCount();

    const page = await browser.signedIn(hrEmail);
    await page.goto("/hr/imports");
    await waitForHydration(page);
    await page.getByLabel("File type").selectOption("interactions");
    await page.locator('input[type="file"][name="file"]').setInputFiles({ name: "large.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
    await page.getByRole("button", { name: "Import", exact: true }).click();

    const problems = page.getByTestId("import-problems");
    await problems.waitFor({ timeout: 90_000 });
    const rows = await problems.locator("tbody tr").allInnerTexts();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatch(new RegExp(`^${badLine}\\s+contacts\\s+"4O" is not a whole number`));
    await expect(page.getByTestId("import-error").innerText()).resolves.toContain("Nothing from this file was saved");
    expect(await interactionRowCount()).toBe(before);
  }, 150_000);
});
