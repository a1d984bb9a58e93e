import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CapturedQuery, DashboardFixture } from "./perf/dashboardRequests.ts";

let fixture: DashboardFixture;
beforeAll(async () => {
  fixture = await DashboardFixture.create();
}, 60_000);
afterAll(() => fixture?.close());

/** Tables that grow with agents × days or agents × quarters: never read whole by a dashboard. */
const BIG_TABLES = [
  "interaction_daily",
  "qa_evaluations",
  "csat_responses",
  "quarter_results",
  "quarter_metric_results",
  "agents",
  "users",
  "teams",
  "audit_log",
  "imports",
];

const pages = () => [
  { name: "HR overview", work: fixture.hrOverview(), budget: 8 },
  { name: "team page (10 agents)", work: fixture.teamPage(1), budget: 6 },
  { name: "agent page (4 quarters of history)", work: fixture.agentPage("AG003"), budget: 9 },
];

/** The statement's shape: an IN list of any length is the same statement. */
const shape = (sql: string) => sql.replace(/\(\?(?:, \?)*\)/g, "(?…)");

/** A statement that is run more than once in one request is the signature of an N+1 loop. */
function repeatedStatements(queries: CapturedQuery[]): string[] {
  const seen = new Map<string, number>();
  for (const q of queries) seen.set(shape(q.sql), (seen.get(shape(q.sql)) ?? 0) + 1);
  return [...seen].filter(([, n]) => n > 1).map(([sql]) => sql);
}

describe("dashboard requests make a fixed, small number of queries (no N+1)", () => {
  it.each([0, 1, 2])("page %#: within its budget, and no statement repeated", async (i) => {
    const page = pages()[i]!;
    const queries = await fixture.capture(page.work);
    expect(queries.length, page.name).toBeGreaterThan(0);
    expect(queries.length, page.name).toBeLessThanOrEqual(page.budget);
    expect(repeatedStatements(queries), page.name).toEqual([]);
  });

  it("the team page makes the same queries for any team, and the agent page for any length of history", async () => {
    const teamCounts = [];
    for (const teamId of [1, 3, 6]) teamCounts.push((await fixture.capture(fixture.teamPage(teamId))).length);
    expect(new Set(teamCounts).size).toBe(1);
    // AG003 has four scored quarters, AG060 (hired in 2026-Q3) one: per-quarter queries would differ.
    const long = await fixture.capture(fixture.agentPage("AG003"));
    const short = await fixture.capture(fixture.agentPage("AG060"));
    expect(short.map((q) => shape(q.sql))).toEqual(long.map((q) => shape(q.sql)));
  });

  it("the HR overview makes the same queries whichever quarter is shown", async () => {
    const latest = await fixture.capture(fixture.hrOverview());
    const oldest = await fixture.capture(fixture.hrOverview("http://x/hr?quarter=2025-Q4"));
    expect(oldest.map((q) => shape(q.sql))).toEqual(latest.map((q) => shape(q.sql)));
  });
});

describe("every dashboard query uses an index (EXPLAIN QUERY PLAN)", () => {
  it.each([0, 1, 2])("page %#: no full scan of a table that grows with the organisation", async (i) => {
    const page = pages()[i]!;
    const violations: string[] = [];
    for (const query of await fixture.capture(page.work)) {
      for (const step of fixture.explain(query)) {
        const scan = /^SCAN (\w+)(?: AS \w+)?(.*)$/.exec(step);
        if (!scan) continue;
        const [, table, rest] = scan;
        const fullTableScan = !/USING (COVERING )?INDEX|USING INTEGER PRIMARY KEY/.test(rest ?? "");
        if (fullTableScan || BIG_TABLES.includes(table!)) violations.push(`${step}  ←  ${query.sql}`);
      }
    }
    expect(violations, page.name).toEqual([]);
  });

  it("the check itself catches a full scan", () => {
    const plan = fixture.explain({ sql: "select count(*) from quarter_results where grade = ?", parameters: ["A"] });
    expect(plan.some((step) => /^SCAN quarter_results/.test(step))).toBe(true);
  });
});
