import { openTestDatabase, testEngine } from "@starboard/db/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Db, openDatabase, resultsChecksum } from "../src/index.ts";

const AT = "2026-04-02T09:00:00.000Z";

/** Two quarters, two agents, one metric row each; values include doubles that do not print short. */
async function seedResults(db: Db): Promise<void> {
  const team = (await db.insertInto("teams").values({ name: "North", created_at: AT }).returning("id").executeTakeFirstOrThrow()).id;
  const rubric = (
    await db
      .insertInto("rubric_versions")
      .values({ name: "R", version: 1, definition: "{}", status: "approved", effective_from: "2000-Q1", created_at: AT, created_by: "t", approved_at: AT, approved_by: "t" })
      .returning("id")
      .executeTakeFirstOrThrow()
  ).id;
  const agentIds: number[] = [];
  for (const code of ["B2", "A1"]) {
    const agent = await db
      .insertInto("agents")
      .values({ agent_code: code, name: code, email: null, team_id: team, hire_date: "2024-01-01", leave_date: null, created_at: AT, updated_at: AT })
      .returning("id")
      .executeTakeFirstOrThrow();
    agentIds.push(agent.id);
  }
  for (const quarter of ["2026-Q2", "2026-Q1"]) {
    await db.insertInto("quarters").values({ id: quarter, state: "calculated", rubric_version_id: rubric, calculated_at: AT, updated_at: AT }).execute();
    for (const [i, agentId] of agentIds.entries()) {
      const composite = 80.15 + i / 3;
      await db
        .insertInto("quarter_results")
        .values({
          quarter_id: quarter, agent_id: agentId, team_id: team, rubric_version_id: rubric, status: "complete", composite, adjustment: 0,
          final_composite: composite, grade: "B", rank_team: i + 1, rank_org: i + 1, missing_weight_bp: 0, explanation: `{"agent":"${agentId}","说明":"分数"}`, calculated_at: AT,
        })
        .execute();
      await db
        .insertInto("quarter_metric_results")
        .values({
          quarter_id: quarter, agent_id: agentId, metric_key: "csat", dimension_key: "customer", raw_value: 934 / 212, points: 8, normalized: 80,
          weight_bp: 4000, effective_weight_pct: 40, sample: 212, missing: null,
        })
        .execute();
    }
  }
}

let db: Db;
beforeEach(async () => {
  db = await openTestDatabase();
  await seedResults(db);
});
afterEach(async () => {
  await db.destroy();
});

describe("resultsChecksum", () => {
  it("counts the rows it digests and is stable across calls", async () => {
    const first = await resultsChecksum(db);
    expect(first).toMatchObject({ quarterResults: 4, metricResults: 4 });
    expect(first.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(await resultsChecksum(db)).toEqual(first);
  });

  it("changes when one result changes, even by the last bit of a double", async () => {
    const before = await resultsChecksum(db);
    const one = await db.selectFrom("quarter_results").select(["quarter_id", "agent_id", "composite"]).where("quarter_id", "=", "2026-Q1").orderBy("agent_id").limit(1).executeTakeFirstOrThrow();
    const nudged = one.composite! + Number.EPSILON * 64;
    expect(nudged).not.toBe(one.composite);
    await db.updateTable("quarter_results").set({ composite: nudged }).where("quarter_id", "=", one.quarter_id).where("agent_id", "=", one.agent_id).execute();
    const after = await resultsChecksum(db);
    expect(after.sha256).not.toBe(before.sha256);
    expect(after.quarterResults).toBe(4);

    await db.updateTable("quarter_results").set({ composite: one.composite }).where("quarter_id", "=", one.quarter_id).where("agent_id", "=", one.agent_id).execute();
    expect(await resultsChecksum(db)).toEqual(before);
  });

  it("changes when a per-metric result changes or a result row goes missing", async () => {
    const before = await resultsChecksum(db);
    await db.updateTable("quarter_metric_results").set({ points: 7 }).where("quarter_id", "=", "2026-Q2").where("agent_id", "=", 1).execute();
    const metricChanged = await resultsChecksum(db);
    expect(metricChanged.sha256).not.toBe(before.sha256);
    await db.deleteFrom("quarter_metric_results").where("quarter_id", "=", "2026-Q2").where("agent_id", "=", 1).execute();
    const removed = await resultsChecksum(db);
    expect(removed).toMatchObject({ quarterResults: 4, metricResults: 3 });
    expect(removed.sha256).not.toBe(metricChanged.sha256);
  });

  it.runIf(testEngine() === "postgres")("is the same on SQLite and Postgres for the same rows", async () => {
    const sqlite = await openDatabase(":memory:");
    try {
      await seedResults(sqlite);
      expect(await resultsChecksum(sqlite)).toEqual(await resultsChecksum(db));
    } finally {
      await sqlite.destroy();
    }
  });
});
