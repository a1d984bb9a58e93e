import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { useBrowser, waitForHydration } from "./browser.ts";

const LEAD = "manager1@starboard.test"; // Phone Support North and South
const HR = "hr@starboard.test";
const ITEMS = ["opening", "confirm_need", "confirm_information", "solution", "closing", "ticket", "listening", "pace_and_courtesy"];

// The browser logs the expected 403/404 document responses; anything else is a defect.
const browser = useBrowser({ expectedErrors: /status of 40[34]/ });
const as = (email: string): Promise<Page> => browser.signedIn(email);

/** Starts a call-quality evaluation from the workspace and lands on its scoring screen; returns its id. */
async function startEvaluation(page: Page, agentCode: string, options: { dual?: "yes" | "no"; secondReviewer?: string; blind?: boolean } = {}): Promise<number> {
  await page.goto("/qa");
  await waitForHydration(page);
  const form = page.getByTestId("start-form");
  await form.getByLabel("Agent").selectOption({ value: agentCode });
  await form.getByLabel("Form").selectOption({ label: "Call quality v1" });
  await form.getByLabel("Dual review").selectOption(options.dual ?? "no");
  if (options.secondReviewer) await form.getByLabel("Second reviewer").selectOption({ label: options.secondReviewer });
  if (options.blind) await form.getByLabel(/Blind mode/).check();
  await Promise.all([page.waitForURL(/\/qa\/evaluations\/\d+$/), form.getByRole("button", { name: "Start and score" }).click()]);
  await waitForHydration(page);
  return Number(new URL(page.url()).pathname.split("/").pop());
}

/** Chooses an option for every item (good unless overridden) with the keyboard-friendly radios. */
async function scoreAll(page: Page, formTestId: string, overrides: Record<string, string> = {}) {
  const form = page.getByTestId(formTestId);
  for (const item of ITEMS) await form.locator(`input[name="item.${item}"][value="${overrides[item] ?? "good"}"]`).check();
}

async function submit(page: Page, formTestId: string, button: string) {
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/qa/evaluations/")),
    page.getByTestId(formTestId).getByRole("button", { name: button }).click(),
  ]);
  await page.getByTestId("qa-success").or(page.getByTestId("qa-error")).waitFor();
}

describe("QA scorecards", () => {
  let fatalEvaluationId = 0;

  it("a lead scores an evaluation with a failed key item: warning while scoring, final score 0", async () => {
    const page = await as(LEAD);
    fatalEvaluationId = await startEvaluation(page, "AG002");
    await expect(page.getByTestId("evaluation-status").getAttribute("data-status")).resolves.toBe("in_review");
    await scoreAll(page, "review-form");
    await expect(page.getByTestId("running-total").innerText()).resolves.toBe("100 / 100 points");
    await expect(page.getByTestId("fatal-warning").count()).resolves.toBe(0);
    await page.getByTestId("review-form").locator('input[name="item.solution"][value="poor"]').check();
    await page.getByTestId("fatal-warning").waitFor();
    await expect(page.getByTestId("running-total").innerText()).resolves.toBe("0 / 100 points");
    await page.getByLabel("Note for Gives a correct and complete solution").fill("Quoted the wrong tariff");
    await submit(page, "review-form", "Submit review");
    await expect(page.getByTestId("qa-success").innerText()).resolves.toContain("final: 0%");
    await expect(page.getByTestId("final-pct").innerText()).resolves.toBe("0%");
    await expect(page.getByTestId("final-fatal").innerText()).resolves.toBe("Key item failed");
    await expect(page.getByTestId("final-verdict").innerText()).resolves.toBe("Failed");
    await expect(page.getByTestId("final-score").innerText()).resolves.toContain("Quoted the wrong tariff");
    // Tagged items show the 5/3/1 rating they give their metric; the failed key item rates 1.
    await expect(page.getByTestId("item-rating-solution").innerText()).resolves.toBe("Knowledge accuracy: 1 / 5");
    await expect(page.getByTestId("item-rating-opening").innerText()).resolves.toBe("Tone and patience: 5 / 5");
    await expect(page.getByTestId("item-rating-closing").innerText()).resolves.toBe("");
  });

  it("a dual review that diverges is flagged for calibration; the agreed score makes it final", async () => {
    const lead = await as(LEAD);
    const id = await startEvaluation(lead, "AG004", { dual: "yes", secondReviewer: HR, blind: true });
    await scoreAll(lead, "review-form");
    await submit(lead, "review-form", "Submit review");
    await expect(lead.getByTestId("qa-success").innerText()).resolves.toContain("Waiting for the second reviewer");

    const hr = await as(HR);
    await hr.goto("/qa");
    await waitForHydration(hr);
    await hr.getByTestId("review-queue").getByRole("link", { name: `SB-${id}` }).click();
    await hr.waitForURL(`**/qa/evaluations/${id}`);
    await waitForHydration(hr);
    // Blind mode: the employee ID only, and the other review stays hidden until this one is in.
    await expect(hr.getByTestId("evaluation-subject").innerText()).resolves.toContain("Employee AG004 (blind review)");
    await expect(hr.getByTestId("calibration-view").count()).resolves.toBe(0);
    await scoreAll(hr, "review-form", { confirm_information: "poor", closing: "poor" });
    await submit(hr, "review-form", "Submit review");
    await expect(hr.getByTestId("qa-success").innerText()).resolves.toContain("flagged for calibration");
    await expect(hr.getByTestId("evaluation-status").getAttribute("data-status")).resolves.toBe("calibration");
    // Calibration view: the two reviewers side by side, per item.
    await expect(hr.getByTestId("deviation-closing").innerText()).resolves.toMatch(/10\s+0\s+\+10/);
    await scoreAll(hr, "calibrate-form", { closing: "poor" });
    await expect(hr.getByTestId("calibrate-form").getByTestId("running-total").innerText()).resolves.toBe("90 / 100 points");
    await submit(hr, "calibrate-form", "Save agreed score");
    await expect(hr.getByTestId("qa-success").innerText()).resolves.toContain("Agreed score saved: 90%");
    await expect(hr.getByTestId("final-pct").innerText()).resolves.toBe("90%");
    await expect(hr.getByTestId("deviation-closing").innerText()).resolves.toMatch(/10\s+0\s+\+10\s+0\s+\+10\s+0/);
  });

  it("the agent disputes within 7 days, the lead accepts and re-scores, the agent sees the outcome", async () => {
    expect(fatalEvaluationId).toBeGreaterThan(0);
    const agent = await as("ag002@starboard.test");
    await agent.goto("/me/qa");
    await waitForHydration(agent);
    await agent.getByTestId(`my-evaluation-${fatalEvaluationId}`).getByRole("link").click();
    await agent.waitForURL(`**/qa/evaluations/${fatalEvaluationId}`);
    await waitForHydration(agent);
    await agent.getByLabel("Why do you disagree?").fill("The tariff I quoted is the customer's legacy plan.");
    await Promise.all([agent.waitForResponse((r) => r.request().method() === "POST"), agent.getByRole("button", { name: "Send dispute" }).click()]);
    await agent.getByTestId("qa-success").waitFor();
    await agent.locator('[data-testid="dispute"][data-status="open"]').waitFor();
    await expect(agent.getByTestId("dispute-form").count()).resolves.toBe(0);
    // Another agent's evaluation is not there for this agent.
    const other = await agent.goto("/qa/evaluations/1");
    expect(other?.status()).toBe(404);

    const lead = await as(LEAD);
    await lead.goto("/qa");
    await waitForHydration(lead);
    await lead.getByTestId("open-disputes").getByRole("link", { name: `SB-${fatalEvaluationId}` }).click();
    await lead.waitForURL(`**/qa/evaluations/${fatalEvaluationId}`);
    await waitForHydration(lead);
    const accept = lead.getByTestId("accept-dispute-form");
    await accept.getByLabel("Reason for accepting").fill("Legacy plan confirmed in billing");
    await accept.locator('input[name="item.solution"][value="good"]').check();
    await expect(accept.getByTestId("running-total").innerText()).resolves.toBe("100 / 100 points");
    await submit(lead, "accept-dispute-form", "Accept and re-score");
    await expect(lead.getByTestId("qa-success").innerText()).resolves.toBe("Dispute accepted; the evaluation was re-scored.");
    await lead.reload();
    await waitForHydration(lead);
    await expect(lead.getByTestId("final-pct").innerText()).resolves.toBe("100%");

    const back = await as("ag002@starboard.test");
    await back.goto(`/qa/evaluations/${fatalEvaluationId}`);
    await waitForHydration(back);
    const outcome = back.getByTestId("dispute-outcome");
    await expect(outcome.innerText()).resolves.toContain("Legacy plan confirmed in billing");
    await expect(outcome.innerText()).resolves.toContain("score before 0% (Key item failed), after 100%");
    await expect(back.getByTestId("dispute-form").count()).resolves.toBe(0);
  });

  it("HR sees the stored sampling plan and the reports; an agent cannot open the QA workspace", async () => {
    const hr = await as(HR);
    await hr.goto("/qa/sampling?month=2026-11");
    await waitForHydration(hr);
    await expect(hr.getByTestId("plan-meta").innerText()).resolves.toContain("seed");
    expect(await hr.getByTestId("sample-plan").locator("tbody tr").count()).toBe(20);
    await hr.goto("/qa/reports?from=2026-10&to=2026-11");
    await waitForHydration(hr);
    expect(await hr.getByTestId("qa-pareto").locator("tbody tr").count()).toBeGreaterThan(0);
    expect(await hr.getByTestId("qa-workload").locator("tbody tr").count()).toBeGreaterThan(0);

    const agent = await as("ag003@starboard.test");
    const response = await agent.goto("/qa");
    expect(response?.status()).toBe(403);
  });
});

describe("QA form builder and settings", () => {
  /** Clicks a builder or settings button and waits for the action's round trip. */
  async function post(page: Page, click: () => Promise<void>) {
    await Promise.all([page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/qa/forms")), click()]);
  }

  it("a lead builds a form visually: a key graded item and a deduction item, a precise problem, then saved", async () => {
    const page = await as(LEAD);
    await page.goto("/qa/forms");
    await waitForHydration(page);
    await page.getByRole("link", { name: "New form" }).click();
    await page.waitForURL(/edit=new/);
    const builder = page.getByTestId("form-builder");
    await builder.getByLabel("Form key").fill("escalations");
    await builder.getByLabel("Form name").fill("Escalation handling");
    await builder.getByLabel("Section 1 title").fill("Handling");
    const first = builder.getByTestId("builder-item-0-0");
    await first.getByLabel("Item label").fill("Confirms the customer's identity");
    await first.getByLabel("Item key").fill("identity");
    await first.getByLabel("Max points").fill("20");
    await first.getByLabel(/Key item/).check();
    await first.locator('[name="sections[0].items[0].scoring.options[0].points"]').fill("20");
    await first.locator('[name="sections[0].items[0].scoring.options[1].points"]').fill("25");
    await builder.getByTestId("builder-max").getByText("Form maximum: 20 points").waitFor();

    await post(page, () => builder.getByRole("button", { name: "Add an item to section 1" }).click());
    const second = builder.getByTestId("builder-item-0-1");
    await second.waitFor();
    // The round trip kept what was typed.
    await expect(first.getByLabel("Item label").inputValue()).resolves.toBe("Confirms the customer's identity");
    await second.getByLabel("Item label").fill("Follows the escalation steps");
    await second.getByLabel("Item key").fill("steps");
    await second.getByLabel("Max points").fill("10");
    await second.getByLabel("Scoring type", { exact: true }).selectOption("deduction");
    await post(page, () => second.getByRole("button", { name: "Apply the scoring type of item 2" }).click());
    await second.getByLabel("Points per occurrence").waitFor();
    await second.getByLabel("Points per occurrence").fill("2");
    await second.getByLabel("Floor (never below)").fill("0");
    await builder.getByTestId("builder-max").getByText("Form maximum: 30 points").waitFor();

    await post(page, () => builder.getByRole("button", { name: "Save form" }).click());
    await builder.getByTestId("builder-problems").waitFor();
    const problem = builder.locator('[data-testid="field-error"][data-field="sections[0].items[0].scoring"]');
    await expect(problem.innerText()).resolves.toBe("An option is worth more than the item's max points.");
    await expect(page.getByTestId("form-row-escalations-v1").count()).resolves.toBe(0);

    await first.locator('[name="sections[0].items[0].scoring.options[1].points"]').fill("15");
    await post(page, () => builder.getByRole("button", { name: "Save form" }).click());
    await expect(page.getByTestId("qa-success").innerText()).resolves.toBe("Form escalations created (v1).");
    const row = page.getByTestId("form-row-escalations-v1");
    await expect(row.getByTestId("form-max").innerText()).resolves.toBe("30");
    await expect(row.innerText()).resolves.toContain("2 items, 1 key");
    // Leads don't get the HR-only dual-review setting.
    await expect(page.getByTestId("dual-review-form").count()).resolves.toBe(0);
  });

  it("HR changes the dual-review share (0–100)", async () => {
    const page = await as(HR);
    await page.goto("/qa/forms");
    await waitForHydration(page);
    const form = page.getByTestId("dual-review-form");
    const share = form.getByLabel("Dual-review share (%)");
    await expect(share.inputValue()).resolves.toBe("10");
    await share.fill("150");
    await post(page, () => form.getByRole("button", { name: "Save share" }).click());
    await form.getByTestId("dual-review-error").getByText("Enter a share from 0 to 100.").waitFor();
    await share.fill("25");
    await post(page, () => form.getByRole("button", { name: "Save share" }).click());
    await expect(page.getByTestId("qa-success").innerText()).resolves.toBe("Dual-review share set to 25%.");
    await page.reload();
    await waitForHydration(page);
    await expect(share.inputValue()).resolves.toBe("25");
    // Back to the default so other tests see the seeded share.
    await share.fill("10");
    await post(page, () => form.getByRole("button", { name: "Save share" }).click());
    await expect(page.getByTestId("qa-success").innerText()).resolves.toBe("Dual-review share set to 10%.");
  });
});
