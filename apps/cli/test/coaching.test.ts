import { assignCoachingPlan, createContext } from "@starboard/core";
import { type Db, listInterventions } from "@starboard/db";
import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliTestDatabase, createCliTestDatabase } from "./helpers/testDatabase.ts";

const BIN = resolve(import.meta.dirname, "../../../node_modules/.bin/starboard");
const run = promisify(execFile);

async function starboard(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
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
let db: Db;
let agents: Record<string, number>;

async function phoneDay(agentId: number, date: string, resolved: number, rfc: number) {
  await db
    .insertInto("interaction_daily")
    .values({ date, agent_id: agentId, channel: "phone", contacts: resolved, first_response_sec_sum: resolved * 30, answered_within_90s: null, resolved, resolved_first_contact: rfc, repeat_contacts_30d: null, complaints: null, import_id: null })
    .execute();
}

/**
 * Three agents in one team. 2026-Q1 FCR: C001 80 %, C002 84 % (both under 85 → 0/10 → weak), C003 96 % (not weak).
 * QA and CSAT have no data, so they are never weak items.
 */
beforeAll(async () => {
  database = await createCliTestDatabase();
  db = await database.open();
  const team = Number((await db.insertInto("teams").values({ name: "Phone Support North", created_at: AT }).returning("id").executeTakeFirstOrThrow()).id);
  agents = {};
  for (const code of ["C003", "C001", "C002"]) {
    agents[code] = Number(
      (
        await db
          .insertInto("agents")
          .values({ agent_code: code, name: `Agent ${code}`, email: null, team_id: team, hire_date: "2024-01-01", leave_date: null, created_at: AT, updated_at: AT })
          .returning("id")
          .executeTakeFirstOrThrow()
      ).id,
    );
  }
  await phoneDay(agents.C001!, "2026-02-02", 100, 80);
  await phoneDay(agents.C002!, "2026-02-02", 100, 84);
  await phoneDay(agents.C003!, "2026-02-02", 100, 96);
});
afterAll(async () => {
  await db.destroy();
  database.cleanup();
});

describe("starboard coaching", () => {
  it("refuses a quarter that isn't calculated, or isn't a quarter, with a clear message", async () => {
    const notYet = await starboard("coaching", "suggest", "2026-Q1", "--json");
    expect(notYet.code).toBe(1);
    expect(notYet.stderr).toBe("starboard coaching suggest: quarter 2026-Q1 has not been calculated yet\n");
    const bad = await starboard("coaching", "evaluate", "2026-5");
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('"2026-5" is not a quarter');
  });

  it("suggest --json prints one entry per weak metric with data, with the catalogue's interventions", async () => {
    expect((await starboard("score", "2026-Q1")).code).toBe(0);
    const result = await starboard("coaching", "suggest", "2026-Q1", "--json");
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      quarter: "2026-Q1",
      suggestions: [
        { agentCode: "C001", metric: "first_contact_resolution", normalized: 0, interventions: ["1:1 mentoring on case handling", "Knowledge-base test"] },
        { agentCode: "C002", metric: "first_contact_resolution", normalized: 0, interventions: ["1:1 mentoring on case handling", "Knowledge-base test"] },
      ],
    });
    const text = await starboard("coaching", "suggest", "2026-Q1");
    expect(text.stdout).toContain("2026-Q1: 2 weak item(s) under 70/100");
  });

  it("evaluate --json prints each plan targeting the quarter with before, after and outcome", async () => {
    const manager = Number(
      (
        await db
          .insertInto("users")
          .values({ email: "m@x.test", name: "Manager", role: "manager", agent_id: null, password_hash: null, active: 1, created_at: AT, updated_at: AT })
          .returning("id")
          .executeTakeFirstOrThrow()
      ).id,
    );
    await db.insertInto("user_teams").values({ user_id: manager, team_id: 1 }).execute();
    const ctx = createContext(db, { userId: manager, label: "m@x.test", role: "manager" }, () => new Date(AT));
    const mentoring = (await listInterventions(db)).find((i) => i.name === "1:1 mentoring on case handling")!.id;
    const plan = (agentCode: string) => ({
      agentCode, interventionId: mentoring, metric: "first_contact_resolution" as const, target: 90, targetQuarter: "2026-Q2",
      sourceQuarter: "2026-Q1", ownerUserId: manager, dueDate: "2026-06-30", activities: "Weekly 1:1",
    });
    await assignCoachingPlan(ctx, plan("C001"));
    await assignCoachingPlan(ctx, plan("C002"));
    // 2026-Q2: C001 92 % (target met), C002 unchanged at 84 % (not improved).
    await phoneDay(agents.C001!, "2026-05-04", 100, 92);
    await phoneDay(agents.C002!, "2026-05-04", 100, 84);
    expect((await starboard("score", "2026-Q2")).code).toBe(0); // evaluates the plans as part of the calculation

    const result = await starboard("coaching", "evaluate", "2026-Q2", "--json");
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([
      { agentCode: "C001", metric: "first_contact_resolution", target: 90, before: 80, after: 92, outcome: "target_met" },
      { agentCode: "C002", metric: "first_contact_resolution", target: 90, before: 84, after: 84, outcome: "not_improved" },
    ]);
    const text = await starboard("coaching", "evaluate", "2026-Q2");
    expect(text.stdout).toMatch(/C001\s+first_contact_resolution\s+90\s+80\.00\s+92\.00\s+target met/);
  });
});
