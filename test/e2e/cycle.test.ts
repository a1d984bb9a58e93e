import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { useBrowser, waitForHydration } from "./browser.ts";
import { withE2eDatabase } from "./database.ts";

/**
 * A quarter before the demo's history that no other journey touches (imports.test uses
 * 2026-Q4, the dashboards the published 2025-Q4 … 2026-Q3), so this one can run it through
 * the whole cycle without changing what the others see.
 */
const Q = "2025-Q3";
const HEADER = "date,agent_code,channel,contacts,first_response_sec_sum,answered_within_90s,resolved,resolved_first_contact,repeat_contacts_30d,complaints";

interface Cast {
  hr: string;
  agent: { code: string; email: string };
  manager: string;
}

async function cast(): Promise<Cast> {
  return withE2eDatabase(async (db) => {
    const hr = (await db.selectFrom("users").select("email").where("role", "=", "hr").orderBy("id").executeTakeFirstOrThrow()).email;
    const agent = await db
      .selectFrom("agents")
      .innerJoin("users", "users.agent_id", "agents.id")
      .select(["agents.agent_code", "users.email", "agents.team_id"])
      .where("agents.hire_date", "<=", "2025-07-01")
      .where("agents.leave_date", "is", null)
      .orderBy("agents.agent_code")
      .executeTakeFirstOrThrow();
    const manager = await db
      .selectFrom("users")
      .innerJoin("user_teams", "user_teams.user_id", "users.id")
      .select("users.email")
      .where("user_teams.team_id", "=", agent.team_id)
      .where("users.role", "=", "manager")
      // Other E2E files add managers to this team (admin.test invites one, then deactivates
      // them); take the demo's own, active manager whatever order the files ran in.
      .where("users.active", "=", 1)
      .where("users.email", "like", "manager%@starboard.test")
      .orderBy("users.id")
      .executeTakeFirstOrThrow();
    return { hr, agent: { code: agent.agent_code, email: agent.email }, manager: manager.email };
  });
}

const browser = useBrowser({ expectedErrors: /status of 404/ });
let users: Cast;

beforeAll(async () => {
  users = await cast();
});

// Expected 404 document responses (a quarter not visible yet) are logged by the browser.
const session = (email: string): Promise<Page> => browser.signedIn(email);

async function openCycle(page: Page, quarter = Q) {
  await page.goto(`/hr/cycle?quarter=${quarter}`);
  await waitForHydration(page);
}

async function step(page: Page, name: string, expectedState: string) {
  await page.getByTestId(`step-${name}`).click();
  await page.locator(`[data-testid="cycle-state"][data-state="${expectedState}"]`).waitFor();
}

async function upload(page: Page, csv: string, fileName: string) {
  await page.goto("/hr/imports");
  await waitForHydration(page);
  await page.getByLabel("File type").selectOption("interactions");
  await page.locator('input[type="file"][name="file"]').setInputFiles({ name: fileName, mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await page.getByTestId("import-success").waitFor();
}

describe("appraisal cycle in the browser", () => {
  it("HR runs a quarter from draft to published: blockers, rollback, manager comment, agent acknowledgement and report", async () => {
    const hr = await session(users.hr);
    await openCycle(hr);
    await expect(hr.getByTestId("cycle-state").getAttribute("data-state")).resolves.toBe("draft");
    await step(hr, "collect", "collecting");

    await upload(hr, [HEADER, `2025-08-04,${users.agent.code},phone,40,1520,38,30,27,2,0`].join("\n"), "aug.csv");
    await openCycle(hr);
    await expect(hr.getByTestId("import-history").innerText()).resolves.toContain("aug.csv");
    await step(hr, "calculate", "calculated");
    await step(hr, "review", "in_review");

    // Managers see the quarter from review on; the agent not before it is published.
    const agent = await session(users.agent.email);
    expect((await agent.goto(`/me?quarter=${Q}`))?.status()).toBe(404);
    const manager = await session(users.manager);
    expect((await manager.goto(`/agents/${users.agent.code}?quarter=${Q}`))?.status()).toBe(200);
    await waitForHydration(manager);
    await manager.getByTestId("comment-form").locator("textarea").fill("Steady quarter, keep going");
    await manager.getByRole("button", { name: "Save comment" }).click();
    await manager.getByTestId("review-comments").filter({ hasText: "Steady quarter, keep going" }).waitFor();

    // A late import blocks locking until it is dealt with: the refusal lists why.
    await upload(hr, [HEADER, `2025-08-05,${users.agent.code},phone,30,900,29,25,20,1,0`].join("\n"), "late.csv");
    await openCycle(hr);
    await hr.getByTestId("pending-blockers").waitFor();
    await hr.getByTestId("step-lock").click();
    const blockers = hr.getByTestId("lock-blockers");
    await blockers.waitFor();
    await expect(blockers.innerText()).resolves.toMatch(/Import\(s\) #\d+ changed data after the last calculation/);
    await expect(hr.getByTestId("cycle-state").getAttribute("data-state")).resolves.toBe("in_review");

    // Roll the late import back: its rows go, the quarter is recalculated.
    const lateRow = hr.getByTestId("import-history").locator("tr", { hasText: "late.csv" });
    await lateRow.getByRole("button", { name: "Roll back" }).click();
    await hr.getByTestId("action-success").filter({ hasText: "rolled back" }).waitFor();
    await lateRow.getByText(/Rolled back by/).waitFor();
    await hr.locator('[data-testid="cycle-state"][data-state="calculated"]').waitFor();

    await step(hr, "review", "in_review");
    await step(hr, "lock", "locked");
    await step(hr, "publish", "published");
    const history = await hr.getByTestId("transition-history").locator("li").allInnerTexts();
    expect(history.map((h) => h.split(" · ")[0])).toEqual([
      "Draft → Collecting",
      "Collecting → Calculated",
      "Calculated → In review",
      "In review → Calculated",
      "Calculated → In review",
      "In review → Locked",
      "Locked → Published",
    ]);

    // Published: the agent sees it, acknowledges it and opens the printable report.
    await agent.goto(`/me?quarter=${Q}`);
    await waitForHydration(agent);
    await agent.getByTestId("review-comments").filter({ hasText: "Steady quarter, keep going" }).waitFor();
    await agent.getByRole("button", { name: "Acknowledge my appraisal" }).click();
    await agent.getByTestId("acknowledged").waitFor();
    await agent.getByTestId("printable-report").click();
    await agent.getByTestId("appraisal-report").waitFor();
    await expect(agent.getByTestId("page-title").innerText()).resolves.toBe(`Appraisal report ${Q}`);
    await expect(agent.getByTestId("report-comments").innerText()).resolves.toContain("Steady quarter, keep going");
  });

  it("shows Service Star nominations to HR, exports the payout, and the star's awards and tracker to the agent", async () => {
    const hr = await session(users.hr);
    await openCycle(hr, "2026-Q3");
    const row = hr.getByTestId("nomination-AG003");
    await expect(row.getByTestId("nomination-status").innerText()).resolves.toContain("Approved");

    const [download] = await Promise.all([hr.waitForEvent("download"), hr.getByTestId("export-csv").click()]);
    expect(download.suggestedFilename()).toBe("incentives-2026-Q3.csv");
    const text = readFileSync((await download.path())!, "utf8");
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const ag003 = text.split("\r\n").find((l) => l.startsWith("AG003,"))!;
    expect(ag003.split(",").slice(-4)).toEqual(["Service Star", "500", "2000", "CNY"]);

    await hr.goto("/hr/settings");
    await waitForHydration(hr);
    await expect(hr.getByTestId("settings-form").locator('input[name="currency"]').inputValue()).resolves.toBe("CNY");
    const add = hr.getByTestId("add-award-form");
    await add.getByLabel("Name").fill("Most improved");
    await add.getByLabel("Amount").fill("300");
    await add.getByRole("button", { name: "Add" }).click();
    await hr.getByTestId("action-success").filter({ hasText: "Most improved" }).waitFor();

    const star = await session("ag003@starboard.test");
    await star.goto("/me?quarter=2026-Q3");
    await waitForHydration(star);
    await expect(star.getByTestId("service-star-tracker").getAttribute("data-kind")).resolves.toBe("earned");
    await expect(star.getByTestId("awards-earned").innerText()).resolves.toContain("2026-Q3 · Service Star");
    await expect(star.getByTestId("next-grade").innerText()).resolves.not.toBe("");
  });
});
