import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { useBrowser, waitForHydration } from "./browser.ts";

/**
 * One quarter from CSV to page: the brief's worked example, uploaded through the HR import
 * page, calculated, and read back from the agent's page. The quarter (2025-Q2) precedes the
 * demo's quarters and is used by no other test, so nothing else in the shared E2E database is disturbed.
 *
 * Hand computation (default rubric):
 *   FRT: phone 45,600 s / 1,200 = 38 s → 8 s over 30 → no full 10 s step → 10 points;
 *        chat 20,000 s / 800 = 25 s → 10 s over 15 → 1 step → 9 points;
 *        (10·1200 + 9·800) / 2000 = 9.6 → 96.0 normalised.
 *   FCR: 1,710 / 1,900 = 90.0 % → band [90, 95) → 8 → 80.0.
 *   QA: 92, 88, 0 (fatal; its 75 does not count), 95 → 275 / 4 = 68.75 → 6.875 → 68.75.
 *   CSAT: 86 fives + 126 fours = 212 responses summing 934 → 4.406 → band [4.0, 4.5) → 8 → 80.0.
 *   Composite = 0.15·96 + 0.25·80 + 0.20·68.75 + 0.40·80 = 14.4 + 20 + 13.75 + 32 = 80.15 → B.
 */
const QUARTER = "2025-Q2";
const CODE = "WX001";

const agentsCsv = ["agent_code,name,team,email,hire_date,leave_date", `${CODE},Wen Xu,Worked Example Team,wen.xu@example.test,2025-01-06,`].join("\n");

const interactionsCsv = [
  "date,agent_code,channel,contacts,first_response_sec_sum,answered_within_90s,resolved,resolved_first_contact,repeat_contacts_30d,complaints",
  `2025-04-15,${CODE},phone,1200,45600,,1100,990,,`,
  `2025-05-12,${CODE},chat,800,20000,,800,720,,`,
].join("\n");

const qaCsv = [
  "evaluation_id,date,agent_code,form,score_pct,fatal,reviewer_code",
  `WX-QA-1,2025-04-20,${CODE},Call quality,92,false,R01`,
  `WX-QA-2,2025-05-03,${CODE},Call quality,88,false,R02`,
  `WX-QA-3,2025-05-21,${CODE},Call quality,75,true,R01`,
  `WX-QA-4,2025-06-09,${CODE},Call quality,95,false,R02`,
].join("\n");

const csatCsv = [
  "response_id,date,agent_code,channel,rating",
  ...Array.from({ length: 212 }, (_, i) => `WX-CSAT-${i + 1},2025-06-${String((i % 28) + 1).padStart(2, "0")},${CODE},${i % 2 ? "chat" : "phone"},${i < 86 ? 5 : 4}`),
].join("\n");

const browser = useBrowser();

async function upload(page: Page, kind: string, fileName: string, csv: string, added: number) {
  await page.getByLabel("File type").selectOption(kind);
  await page.locator('input[type="file"][name="file"]').setInputFiles({ name: fileName, mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await page.getByTestId("import-success").filter({ hasText: fileName }).waitFor();
  await expect(page.getByTestId("summary-added").innerText()).resolves.toBe(String(added));
}

describe("one quarter from CSV to page", () => {
  it("reproduces the worked example: 80.15 → shown 80.2, grade B, every contribution", async () => {
    const page = await browser.signedIn("hr@starboard.test");
    await page.goto("/hr/imports");
    await waitForHydration(page);

    await upload(page, "agents", "agents.csv", agentsCsv, 1);
    await upload(page, "interactions", "interactions.csv", interactionsCsv, 2);
    await upload(page, "qa", "qa.csv", qaCsv, 4);
    await upload(page, "csat", "csat.csv", csatCsv, 212);

    await page.locator('select[name="quarter"]').selectOption(QUARTER);
    await page.getByRole("button", { name: "Calculate", exact: true }).click();
    await page.getByTestId("calculate-success").filter({ hasText: QUARTER }).waitFor();

    await page.goto(`/agents/${CODE}?quarter=${QUARTER}`);
    await waitForHydration(page);
    await expect(page.getByTestId("composite").innerText()).resolves.toBe("80.2");
    await expect(page.getByTestId("grade").innerText()).resolves.toMatch(/^B\b.*Exceeds/);
    await expect(page.getByTestId("next-grade").innerText()).resolves.toContain("9.9");

    const contributions = async (key: string) => (await page.getByTestId(`metric-${key}`).getByTestId("contribution").innerText()).trim();
    expect(await contributions("first_response_time")).toBe("14.4");
    expect(await contributions("first_contact_resolution")).toBe("20");
    expect(await contributions("qa_score")).toBe("13.75");
    expect(await contributions("csat")).toBe("32");

    const qa = page.getByTestId("metric-qa_score");
    await qa.locator("summary").click();
    const steps = await qa.getByTestId("explanation-steps").innerText();
    expect(steps).toContain("275");
    expect(steps).toContain("68.75");
    expect(steps).toMatch(/fatal evaluations:\s*1/);

    const sum = await page.getByTestId("contribution-sum").innerText();
    expect(sum).toContain("14.4 + 20 + 13.75 + 32 = 80.15");
  });
});
