import { describe, expect, it } from "vitest";
import { useBrowser, waitForHydration } from "./browser.ts";

const HEADER = "date,agent_code,channel,contacts,first_response_sec_sum,answered_within_90s,resolved,resolved_first_contact,repeat_contacts_30d,complaints";

const browser = useBrowser();

describe("web upload progress", () => {
  it("says how many rows the picked file has and shows 'Importing ≈ N rows…' while the server works", async () => {
    const page = await browser.signedIn("hr@starboard.test");
    await page.goto("/hr/imports");
    await waitForHydration(page);

    // 1,234 data rows, plus blank lines that are not rows; every row names an unknown agent,
    // so the file is rejected and nothing is saved (this test leaves the data as it was).
    const rows = Array.from({ length: 1234 }, (_, i) => `2026-11-${String((i % 28) + 1).padStart(2, "0")},NOBODY${i},phone,10,300,9,9,8,1,0`);
    const csv = [HEADER, ...rows.slice(0, 600), "", ...rows.slice(600), ""].join("\r\n");
    await page.getByLabel("File type").selectOption("interactions");
    await page.locator('input[type="file"][name="file"]').setInputFiles({ name: "big.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
    const note = page.getByTestId("import-progress");
    await expect.poll(() => note.innerText()).toBe("This file has ≈ 1,234 data rows.");

    // Hold the upload a moment so the busy state can be seen, then let it through.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route("**/hr/imports*", async (route) => {
      if (route.request().method() === "POST") await held;
      await route.continue();
    });
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await expect.poll(() => note.innerText()).toContain("Importing ≈ 1,234 rows…");
    release();

    await page.getByTestId("import-error").waitFor();
    await expect(page.getByTestId("import-error").innerText()).resolves.toContain("Nothing from this file was saved");
    await expect.poll(() => note.innerText()).toBe("This file has ≈ 1,234 data rows.");
  });
});
