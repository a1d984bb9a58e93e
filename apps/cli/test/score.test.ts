import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliTestDatabase, createCliTestDatabase } from "./helpers/testDatabase.ts";

const BIN = resolve(import.meta.dirname, "../../../node_modules/.bin/starboard");
const run = promisify(execFile);

async function starboard(database: CliTestDatabase, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(BIN, args, { env: database.childEnv() });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const AT = "2026-04-01T00:00:00.000Z";
let database: CliTestDatabase;

/** Two agents: W001 is the brief's worked example; N001 is active with no data. Listed out of order on purpose. */
beforeAll(async () => {
  database = await createCliTestDatabase();
  const db = await database.open();
  const team = await db.insertInto("teams").values({ name: "Phone Support North", created_at: AT }).returning("id").executeTakeFirstOrThrow();
  const agent = async (code: string) =>
    (
      await db
        .insertInto("agents")
        .values({ agent_code: code, name: `Agent ${code}`, email: null, team_id: team.id, hire_date: "2024-01-01", leave_date: null, created_at: AT, updated_at: AT })
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id;
  await agent("N001");
  const w = await agent("W001");
  const day = (date: string, channel: string, contacts: number, frt: number, resolved: number, rfc: number) => ({
    date, agent_id: w, channel, contacts, first_response_sec_sum: frt, answered_within_90s: null,
    resolved, resolved_first_contact: rfc, repeat_contacts_30d: null, complaints: null, import_id: null,
  });
  await db
    .insertInto("interaction_daily")
    .values([day("2026-01-05", "phone", 1200, 45_600, 1100, 990), day("2026-01-05", "chat", 800, 20_000, 800, 720)])
    .execute();
  await db
    .insertInto("qa_evaluations")
    .values(
      [92, 88, 0, 95].map((score, i) => ({
        evaluation_id: `EV${i}`, date: "2026-02-01", agent_id: w, form: "Phone QA", score_pct: score === 0 ? 70 : score,
        fatal: score === 0 ? (1 as const) : (0 as const), reviewer_code: "QA01", contact_id: null, import_id: null,
      })),
    )
    .execute();
  const ratings = [...Array<number>(86).fill(5), ...Array<number>(126).fill(4)];
  for (let i = 0; i < ratings.length; i += 100) {
    await db
      .insertInto("csat_responses")
      .values(ratings.slice(i, i + 100).map((rating, j) => ({ response_id: `R${i + j}`, date: "2026-03-01", agent_id: w, channel: "phone", rating, import_id: null })))
      .execute();
  }
  await db.destroy();
});
afterAll(() => {
  database.cleanup();
});

describe("starboard score", () => {
  it("--json prints the documented contract", async () => {
    const { code, stdout, stderr } = await starboard(database, "score", "2026-Q1", "--json");
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(Object.keys(json)).toEqual(["quarter", "rubric", "agents"]);
    expect(json.quarter).toBe("2026-Q1");
    expect(json.rubric).toEqual({ name: "Contact centre 10-point", version: 1 });
    expect(json.agents.map((a: { agentCode: string }) => a.agentCode)).toEqual(["N001", "W001"]);

    const [n, w] = json.agents;
    expect(Object.keys(w)).toEqual(["agentCode", "composite", "grade", "status", "metrics"]);
    expect(w.composite).toBeCloseTo(80.15, 9);
    expect(w).toMatchObject({ grade: "B", status: "complete" });
    expect(Object.keys(w.metrics)).toEqual(["first_response_time", "first_contact_resolution", "qa_score", "csat"]);
    for (const metric of Object.values(w.metrics)) {
      expect(Object.keys(metric as object)).toEqual(["raw", "points", "normalized", "weight", "effectiveWeight", "missing", "sample"]);
    }
    expect(w.metrics.first_response_time).toEqual({
      raw: { phone: 38, chat: 25 },
      points: expect.closeTo(9.6, 9),
      normalized: expect.closeTo(96, 9),
      weight: 15,
      effectiveWeight: 15,
      missing: false,
      sample: 2000,
    });
    expect(w.metrics.first_contact_resolution).toEqual({ raw: 90, points: 8, normalized: 80, weight: 25, effectiveWeight: 25, missing: false, sample: 1900 });
    expect(w.metrics.qa_score).toEqual({ raw: 68.75, points: 6.875, normalized: 68.75, weight: 20, effectiveWeight: 20, missing: false, sample: 4 });
    expect(w.metrics.csat).toEqual({ raw: expect.closeTo(934 / 212, 12), points: 8, normalized: 80, weight: 40, effectiveWeight: 40, missing: false, sample: 212 });

    expect(n).toMatchObject({ agentCode: "N001", composite: null, grade: null, status: "insufficient" });
    for (const metric of Object.values(n.metrics)) {
      expect(metric).toMatchObject({ raw: null, points: null, normalized: null, missing: true, sample: 0 });
    }
    expect(n.metrics.csat.weight).toBe(40);
  });

  it("prints a readable table without --json", async () => {
    const { code, stdout } = await starboard(database, "score", "2026-Q1");
    expect(code).toBe(0);
    expect(stdout).toContain('2026-Q1 scored with "Contact centre 10-point" v1: 2 agents (1 complete, 0 incomplete, 1 insufficient)');
    expect(stdout).toMatch(/W001\s+Agent W001\s+Phone Support North\s+80\.2\s+B\s+complete\s+1\s+1/);
    expect(stdout).toMatch(/N001\s+Agent N001\s+Phone Support North\s+—\s+—\s+insufficient/);
  });

  it("rejects an invalid quarter with a clear message and exit status 1", async () => {
    const { code, stdout, stderr } = await starboard(database, "score", "2026-Q5", "--json");
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toContain('"2026-Q5" is not a quarter');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it("refuses a locked quarter with a clear message and exit status 1", async () => {
    const db = await database.open();
    await db.insertInto("quarters").values({ id: "2025-Q4", state: "locked", rubric_version_id: null, calculated_at: null, updated_at: AT }).execute();
    await db.destroy();
    const { code, stdout, stderr } = await starboard(database, "score", "2025-Q4");
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr.trim()).toBe("starboard score: quarter 2025-Q4 is locked; it can no longer be recalculated");
  });
});
