import { openTestDatabase } from "@starboard/db/testing";
import { type Db, listQuarterResults, listQuarterTransitions, listUsers, teamsForUser } from "@starboard/db";
import { quarterOfDate } from "@starboard/kpi";
import { afterEach, describe, expect, it } from "vitest";
import {
  createContext,
  DEMO_PASSWORD,
  DEMO_QUARTERS,
  demoLogins,
  DomainError,
  generateDemo,
  loadDemo,
  systemActor,
  verifyPassword,
} from "../src/index.ts";

const NOW = new Date("2026-10-05T08:00:00.000Z");
const opened: Db[] = [];
async function freshDb(): Promise<Db> {
  const db = await openTestDatabase();
  opened.push(db);
  return db;
}
afterEach(async () => {
  for (const db of opened.splice(0)) await db.destroy();
});
const ctxFor = (db: Db) => createContext(db, systemActor("test:demo"), () => NOW);

async function allResults(db: Db) {
  const out = [];
  for (const quarter of DEMO_QUARTERS) {
    for (const r of await listQuarterResults(db, quarter)) {
      out.push({ quarter, code: r.agent_code, team: r.team_name, status: r.status, composite: r.composite, grade: r.grade, rankTeam: r.rank_team, rankOrg: r.rank_org });
    }
  }
  return out;
}

describe("generateDemo", () => {
  it("is deterministic: the same seed gives byte-identical files, another seed other numbers", () => {
    const a = generateDemo(7);
    expect(generateDemo(7)).toEqual(a);
    const b = generateDemo(8);
    expect(b.files.agents).toBe(a.files.agents);
    expect(b.files.interactions["2026-Q1"]).not.toBe(a.files.interactions["2026-Q1"]);
  });
});

describe("loadDemo", () => {
  it("loads a varied, published organisation through the real import, deterministically and quickly", async () => {
    const db = await freshDb();
    const started = performance.now();
    const result = await loadDemo(ctxFor(db), { seed: 42 });
    expect(performance.now() - started).toBeLessThan(15_000);
    expect(result).toMatchObject({ status: "loaded", seed: 42, teams: 6, agents: 60, users: 64, quarters: [...DEMO_QUARTERS] });

    // Same seed, another database: the same scores.
    const twin = await freshDb();
    await loadDemo(ctxFor(twin), { seed: 42 });
    const results = await allResults(db);
    expect(await allResults(twin)).toEqual(results);

    // Every active agent appears; the leaver is gone after 2026-Q2, the new hires arrive in 2026-Q3.
    expect(results.filter((r) => r.quarter === "2026-Q2")).toHaveLength(58);
    expect(results.filter((r) => r.quarter === "2026-Q3")).toHaveLength(59);
    expect(new Set(results.map((r) => r.team)).size).toBe(6);

    // Variety: a star graded A two quarters running with complete data and no fatal QA evaluation.
    const fatalByAgentQuarter = await db
      .selectFrom("qa_evaluations")
      .innerJoin("agents", "agents.id", "qa_evaluations.agent_id")
      .select(["agents.agent_code as code", "qa_evaluations.date as date"])
      .where("fatal", "=", 1)
      .execute();
    const hadFatal = (code: string, quarter: string) => fatalByAgentQuarter.some((f) => f.code === code && quarterOfDate(f.date) === quarter);
    const starsAA = results.filter((r) => {
      const previous = DEMO_QUARTERS[DEMO_QUARTERS.indexOf(r.quarter) - 1];
      if (!previous) return false;
      const before = results.find((p) => p.quarter === previous && p.code === r.code);
      return (
        r.grade === "A" && r.status === "complete" && !hadFatal(r.code, r.quarter) &&
        before?.grade === "A" && before.status === "complete" && !hadFatal(r.code, previous)
      );
    });
    expect(starsAA.map((r) => r.code)).toEqual(expect.arrayContaining(["AG003", "AG024", "AG047"]));

    const grades = new Set(results.map((r) => r.grade));
    for (const g of ["A", "B", "C", "D", "E"]) expect(grades).toContain(g);
    expect(results.find((r) => r.quarter === "2026-Q3" && r.code === "AG059")).toMatchObject({ status: "insufficient", composite: null, grade: null, rankOrg: null });
    expect(results.find((r) => r.quarter === "2026-Q1" && r.code === "AG050")).toMatchObject({ status: "insufficient" });
    expect(results.find((r) => r.quarter === "2026-Q3" && r.code === "AG060")).toMatchObject({ status: "incomplete", grade: expect.any(String) });
    expect(results.find((r) => r.quarter === "2026-Q2" && r.code === "AG032")).toMatchObject({ status: "incomplete" });

    // Quarters are published, with their transitions recorded.
    for (const quarter of DEMO_QUARTERS) {
      expect((await listQuarterTransitions(db, quarter)).map((t) => t.to_state)).toEqual(["calculated", "in_review", "locked", "published"]);
    }

    // Users: HR, three managers with two teams each, one per agent, all with the demo password.
    const users = await listUsers(db);
    expect(users.filter((u) => u.role === "hr").map((u) => u.email)).toEqual(["hr@starboard.test"]);
    const managers = users.filter((u) => u.role === "manager");
    expect(managers.map((m) => m.email)).toEqual(["manager1@starboard.test", "manager2@starboard.test", "manager3@starboard.test"]);
    expect((await teamsForUser(db, managers[0]!.id)).map((t) => t.name)).toEqual(["Phone Support North", "Phone Support South"]);
    const agents = users.filter((u) => u.role === "agent");
    expect(agents).toHaveLength(60);
    expect(agents.every((u) => u.agentId !== null && /^ag\d{3}@starboard\.test$/.test(u.email))).toBe(true);
    expect(agents.find((u) => u.email === "ag029@starboard.test")?.active).toBe(false);
    const hashes = await db.selectFrom("users").select("password_hash").distinct().execute();
    expect(hashes).toHaveLength(1);
    expect(await verifyPassword(hashes[0]!.password_hash, DEMO_PASSWORD)).toBe(true);
    for (const login of demoLogins()) expect(users.map((u) => u.email)).toContain(login.email);
  }, 60_000);

  it("does nothing when the demo is already loaded and refuses a database with other agents", async () => {
    const db = await freshDb();
    await loadDemo(ctxFor(db), { seed: 1 });
    const before = await allResults(db);
    expect(await loadDemo(ctxFor(db), { seed: 2 })).toEqual({ status: "already_loaded" });
    expect(await allResults(db)).toEqual(before);

    const other = await freshDb();
    const team = await other.insertInto("teams").values({ name: "Real team", created_at: NOW.toISOString() }).returning("id").executeTakeFirstOrThrow();
    await other
      .insertInto("agents")
      .values({ agent_code: "R1", name: "Real", email: null, team_id: team.id, hire_date: "2020-01-01", leave_date: null, created_at: NOW.toISOString(), updated_at: NOW.toISOString() })
      .execute();
    const error = await loadDemo(ctxFor(other)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe("invalid_input");
    expect(await other.selectFrom("agents").select("agent_code").execute()).toEqual([{ agent_code: "R1" }]);
  }, 60_000);
});
