import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, signIn, useBrowser, waitForHydration } from "./browser.ts";
import { withE2eDatabase } from "./database.ts";

/** The newest demo quarter (published). */
const QUARTER = "2026-Q3";

interface Cast {
  hr: string;
  manager: { email: string; firstTeamId: number };
  /** An agent with a result in QUARTER that has at least one weak item. */
  agent: { email: string; code: string };
}

async function cast(): Promise<Cast> {
  return withE2eDatabase(async (db) => {
    const hr = await db.selectFrom("users").select("email").where("role", "=", "hr").orderBy("id").executeTakeFirstOrThrow();
    const manager = await db
      .selectFrom("users")
      .innerJoin("user_teams", "user_teams.user_id", "users.id")
      .select(["users.email", (eb) => eb.fn.min("user_teams.team_id").as("firstTeamId")])
      .where("users.role", "=", "manager")
      .groupBy("users.id")
      .orderBy("users.id")
      .executeTakeFirstOrThrow();
    const agent = await db
      .selectFrom("users")
      .innerJoin("agents", "agents.id", "users.agent_id")
      .innerJoin("quarter_metric_results as m", "m.agent_id", "agents.id")
      .select(["users.email", "agents.agent_code"])
      .where("users.role", "=", "agent")
      .where("users.active", "=", 1)
      .where("m.quarter_id", "=", QUARTER)
      .where("m.normalized", "<", 70)
      .orderBy("agents.agent_code")
      .executeTakeFirstOrThrow();
    return { hr: hr.email, manager: { email: manager.email, firstTeamId: Number(manager.firstTeamId) }, agent: { email: agent.email, code: agent.agent_code } };
  });
}

const browser = useBrowser();
let users: Cast;

beforeAll(async () => {
  users = await cast();
});

describe("HR overview", () => {
  it("shows the demo quarter's KPIs, grades, teams, top and bottom agents, and drills into an agent", async () => {
    const page = await browser.signedIn(users.hr);
    await page.goto(`/hr?quarter=${QUARTER}`);
    await waitForHydration(page);
    await page.getByRole("heading", { name: "Performance overview" }).waitFor();

    // The quarter picker lists every quarter with its state.
    await expect(page.getByTestId("quarter-picker").locator("option", { hasText: `${QUARTER} · Published` }).count()).resolves.toBe(1);
    expect(Number(await page.getByTestId("kpi-agents").locator("p").nth(1).innerText())).toBeGreaterThan(0);
    await expect(page.getByTestId("grade-table").locator("tbody tr").count()).resolves.toBe(6); // A–E + insufficient
    await expect(page.getByTestId("grade-table").innerText()).resolves.toContain("Outstanding");
    expect(await page.getByTestId("team-composites").locator("li").count()).toBeGreaterThan(0);
    await expect(page.getByTestId("top-agents").locator("tbody tr").count()).resolves.toBe(5);
    await expect(page.getByTestId("bottom-agents").locator("tbody tr").count()).resolves.toBe(5);
    // Trends cover every calculated quarter, with a table alternative to the chart.
    expect(await page.getByTestId("trend-table").locator("tbody tr").count()).toBeGreaterThanOrEqual(4);

    const first = page.getByTestId("top-agents").locator("tbody tr").first().getByRole("link");
    const name = await first.innerText();
    await Promise.all([page.waitForURL((url) => url.pathname.startsWith("/agents/")), first.click()]);
    await page.getByTestId("page-title").filter({ hasText: name }).waitFor();
    await expect(page.getByTestId("composite").innerText()).resolves.toMatch(/^\d{2,3}\.\d$/);
    await expect(page.getByTestId("rank-org").innerText()).resolves.toMatch(/^1 of \d+$/);
    await expect(page.getByTestId("score-explanation").isVisible()).resolves.toBe(true);
  });

  it("answers a malformed ?quarter with a friendly 400, never a stack trace", async () => {
    const session = await browser.open();
    const { page } = session;
    await signIn(page, users.hr, DEMO_PASSWORD);
    const response = await page.goto("/hr?quarter=2026-Q9");
    expect(response?.status()).toBe(400);
    await waitForHydration(page);
    await expect(page.getByTestId("error-message").innerText()).resolves.toContain("is not a quarter");
    await expect(page.locator("pre").count()).resolves.toBe(0);
    // The browser logs the 400 document response this test asks for.
    session.errors.splice(0, session.errors.length, ...session.errors.filter((e) => !/status of 400/.test(e)));
  });
});

describe("manager's team", () => {
  it("shows the team ranking with weak items highlighted and the team averages", async () => {
    const page = await browser.signedIn(users.manager.email);
    expect(new URL(page.url()).pathname).toBe(`/teams/${users.manager.firstTeamId}`);
    const table = page.getByTestId("team-ranking");
    await table.waitFor();
    const rows = table.locator("tbody tr");
    expect(await rows.count()).toBeGreaterThan(1);
    await expect(rows.first().locator("td").first().innerText()).resolves.toBe("1");
    expect(await table.locator('td[data-weak="true"]').count()).toBeGreaterThan(0);
    await expect(page.getByTestId("team-averages").innerText()).resolves.toContain("Team averages");

    // Drill into an agent of the team.
    const link = rows.first().getByRole("link");
    await Promise.all([page.waitForURL((url) => url.pathname.startsWith("/agents/")), link.click()]);
    await page.getByTestId("score-explanation").waitFor();
  });
});

describe("agent's own standing", () => {
  it("shows the composite, grade and the step-by-step explanation whose contributions add up", async () => {
    const page = await browser.signedIn(users.agent.email);
    expect(new URL(page.url()).pathname).toBe("/me");
    await page.getByRole("heading", { name: "My performance" }).waitFor();
    const composite = await page.getByTestId("composite").innerText();
    expect(composite).toMatch(/^\d{1,3}\.\d$/);
    await expect(page.getByTestId("grade").innerText()).resolves.toMatch(/^[A-E] · /);
    expect(await page.locator('[data-weak="true"]').count()).toBeGreaterThan(0);

    const metric = page.getByTestId("score-explanation").locator("li").first();
    const steps = metric.getByTestId("explanation-steps");
    await expect(steps.isVisible()).resolves.toBe(false);
    await metric.getByText("How was this computed?").click();
    await steps.waitFor();
    const text = await steps.innerText();
    for (const label of ["Raw sums", "Raw value", "Rule", "Points", "Weight", "Contribution"]) expect(text).toContain(label);
    expect(text).toMatch(/Rubric weight \d+(\.\d+)?%, effective/);

    const sum = await page.getByTestId("contribution-sum").innerText();
    expect(sum).toContain("Sum of contributions = composite");
    // Σ of the shown contributions equals the exact composite shown after "=".
    const [, terms = "", total = ""] = /composite: (.+) = ([\d.,]+) →/.exec(sum) ?? [];
    const added = terms.split(" + ").reduce((s, x) => s + Number(x.replace(/,/g, "")), 0);
    expect(Math.abs(added - Number(total.replace(/,/g, "")))).toBeLessThan(0.02);

    // Trend across quarters, with a table next to the chart; only published quarters.
    expect(await page.getByTestId("trend-table").locator("tbody tr").count()).toBeGreaterThanOrEqual(1);
    const options = await page.getByTestId("quarter-picker").locator("option").allInnerTexts();
    expect(options.every((o) => o.endsWith("Published"))).toBe(true);
  });
});
