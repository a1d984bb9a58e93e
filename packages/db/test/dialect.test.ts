import { openTestDatabase, testEngine } from "@starboard/db/testing";
import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Db, engineOf, findOrCreateTeam, insertImport, isUniqueViolation } from "../src/index.ts";

/**
 * The places where SQLite and Postgres truly differ, each answered once in the db layer.
 * These tests run on SQLite in the `db` project and on Postgres in `db-pg`, so each one
 * proves the same behaviour on both engines.
 */
const AT = "2026-04-02T09:00:00.000Z";
let db: Db;

beforeEach(async () => {
  db = await openTestDatabase();
});
afterEach(async () => {
  await db.destroy();
});

const importRow = (file_name: string) => ({
  kind: "agents" as const,
  file_name,
  actor_user_id: null,
  actor_label: "t",
  created_at: AT,
  rows_total: 0,
  rows_added: 0,
  rows_replaced: 0,
  rows_unchanged: 0,
});

async function seedFacts() {
  const team = await findOrCreateTeam(db, "North", AT);
  await db
    .insertInto("agents")
    .values({ agent_code: "A1", name: "Ann", email: null, team_id: team.id, hire_date: "2025-01-01", leave_date: null, created_at: AT, updated_at: AT })
    .execute();
  const agent = await db.selectFrom("agents").select("id").where("agent_code", "=", "A1").executeTakeFirstOrThrow();
  const importId = await insertImport(db, {
    kind: "csat",
    file_name: "csat.csv",
    actor_user_id: null,
    actor_label: "test",
    created_at: AT,
    rows_total: 3,
    rows_added: 3,
    rows_replaced: 0,
    rows_unchanged: 0,
  });
  await db
    .insertInto("csat_responses")
    .values([1, 2, 3].map((n) => ({ response_id: `R${n}`, date: `2026-04-0${n}`, agent_id: agent.id, channel: "chat", rating: n + 2, import_id: importId })))
    .execute();
  return agent.id;
}

describe(`dialect seam on ${testEngine()}`, () => {
  it("opens the engine the test run asked for", () => {
    expect(engineOf(db)).toBe(testEngine());
  });

  it("returns COUNT, SUM of integers and AVG as JavaScript numbers (Postgres sends BIGINT/NUMERIC as strings)", async () => {
    await seedFacts();
    const row = await db
      .selectFrom("csat_responses")
      .select([
        sql<number>`COUNT(*)`.as("n"),
        sql<number>`SUM(rating)`.as("total"),
        sql<number>`AVG(rating)`.as("mean"),
        sql<number>`SUM(CASE WHEN rating >= 4 THEN 1 ELSE 0 END)`.as("satisfied"),
      ])
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ n: 3, total: 12, mean: 4, satisfied: 2 });
    expect(typeof row.n).toBe("number");
    expect(typeof row.mean).toBe("number");
  });

  // Postgres only: node-postgres hands BIGINTs over as text and our parser checks them. On
  // SQLite every integer Starboard stores is far below 2^53 (ids, counts, seconds).
  it.runIf(testEngine() === "postgres")("refuses a BIGINT it cannot represent exactly instead of rounding it", async () => {
    await expect(sql<{ big: number }>`SELECT CAST(${"9007199254740993"} AS BIGINT) AS big`.execute(db)).rejects.toThrow(/too large/);
    const { rows } = await sql<{ ok: number }>`SELECT CAST(${"9007199254740991"} AS BIGINT) AS ok`.execute(db);
    expect(rows[0]?.ok).toBe(9007199254740991);
  });

  it("keeps double precision exact to the last bit (scores are stored as doubles)", async () => {
    const agentId = await seedFacts();
    const values = [80.14999999999999, 0.1 + 0.2, 59.99999999999999, 1 / 3];
    await db
      .insertInto("qa_evaluations")
      .values(values.map((score_pct, i) => ({ evaluation_id: `E${i}`, date: "2026-04-01", agent_id: agentId, form: "f", score_pct, fatal: 0, reviewer_code: "R", contact_id: null, import_id: null })))
      .execute();
    const rows = await db.selectFrom("qa_evaluations").select("score_pct").orderBy("evaluation_id").execute();
    expect(rows.map((r) => r.score_pct)).toEqual(values);
  });

  it("gives the new id through RETURNING on both engines (no driver-specific insertId)", async () => {
    const first = await insertImport(db, importRow("a.csv"));
    const second = await insertImport(db, importRow("b.csv"));
    expect(typeof first).toBe("number");
    expect(second).toBeGreaterThan(first);
  });

  it("stores flags as integers 0/1 and reads them back as numbers", async () => {
    const team = await findOrCreateTeam(db, "North", AT);
    expect(team.id).toBeTypeOf("number");
    await db.insertInto("users").values({ email: "x@example.com", name: "X", role: "hr", agent_id: null, password_hash: null, active: 0, created_at: AT, updated_at: AT }).execute();
    const user = await db.selectFrom("users").select("active").where("email", "=", "x@example.com").executeTakeFirstOrThrow();
    expect(user.active).toBe(0);
    const active = await db.selectFrom("users").select("email").where("active", "=", 1).execute();
    expect(active).toEqual([]);
  });

  it("recognises a unique violation on either engine, and only that", async () => {
    await findOrCreateTeam(db, "North", AT);
    const duplicate = await db.insertInto("teams").values({ name: "North", created_at: AT }).execute().catch((e: unknown) => e);
    expect(isUniqueViolation(duplicate)).toBe(true);
    const foreignKey = await db
      .insertInto("agents")
      .values({ agent_code: "Z", name: "Z", email: null, team_id: 999_999, hire_date: "2025-01-01", leave_date: null, created_at: AT, updated_at: AT })
      .execute()
      .catch((e: unknown) => e);
    expect(foreignKey).toBeInstanceOf(Error);
    expect(isUniqueViolation(foreignKey)).toBe(false);
    expect(isUniqueViolation(new Error("UNIQUE constraint failed"))).toBe(false);
  });

  it("enforces foreign keys (SQLite needs PRAGMA foreign_keys, Postgres always does)", async () => {
    await expect(
      db.insertInto("agents").values({ agent_code: "Z", name: "Z", email: null, team_id: 424_242, hire_date: "2025-01-01", leave_date: null, created_at: AT, updated_at: AT }).execute(),
    ).rejects.toThrow();
  });

  it("upserts by a conflict target the same way (ON CONFLICT … DO UPDATE)", async () => {
    for (const value of ["a", "b"]) {
      await db
        .insertInto("settings")
        .values({ key: "k", value })
        .onConflict((oc) => oc.column("key").doUpdateSet({ value }))
        .execute();
    }
    expect(await db.selectFrom("settings").select("value").where("key", "=", "k").execute()).toEqual([{ value: "b" }]);
  });

  it("orders ISO-8601 TEXT dates chronologically and compares them as strings", async () => {
    await seedFacts();
    const rows = await db.selectFrom("csat_responses").select("date").where("date", ">=", "2026-04-02").orderBy("date", "desc").execute();
    expect(rows.map((r) => r.date)).toEqual(["2026-04-03", "2026-04-02"]);
  });

  it("rolls a failed transaction back completely", async () => {
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto("teams").values({ name: "Inside", created_at: AT }).execute();
        await trx.insertInto("teams").values({ name: "Inside", created_at: AT }).execute();
      }),
    ).rejects.toSatisfy(isUniqueViolation);
    expect(await db.selectFrom("teams").select("name").where("name", "=", "Inside").execute()).toEqual([]);
  });
});
