import { sql } from "kysely";
import type { Db } from "../database.ts";
import type { NewQaSamplePick, QaSamplePlan } from "../tables/qa.ts";

/** Contacts that started within [fromIso, toIso), with the agent's code. */
export async function contactsInRange(db: Db, fromIso: string, toIso: string) {
  const rows = await db
    .selectFrom("qa_contacts as c")
    .innerJoin("agents as a", "a.id", "c.agent_id")
    .select(["c.contact_id", "c.started_at", "c.channel", "c.duration_sec", "c.sla_missed", "a.agent_code", "a.id as agent_id", "a.team_id"])
    .where("c.started_at", ">=", fromIso)
    .where("c.started_at", "<", toIso)
    .orderBy("c.started_at")
    .execute();
  return rows.map((r) => ({ ...r, duration_sec: Number(r.duration_sec), sla_missed: Number(r.sla_missed) }));
}

export async function contactsByIds(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom("qa_contacts as c")
    .innerJoin("agents as a", "a.id", "c.agent_id")
    .select(["c.contact_id", "c.started_at", "c.channel", "c.duration_sec", "c.sla_missed", "a.agent_code"])
    .where("c.contact_id", "in", [...ids])
    .execute();
}

/** Contacts per agent within [fromIso, toIso). */
export async function contactCountsByAgent(db: Db, fromIso: string, toIso: string): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom("qa_contacts")
    .select(["agent_id", (eb) => eb.fn.countAll<number | string>().as("n")])
    .where("started_at", ">=", fromIso)
    .where("started_at", "<", toIso)
    .groupBy("agent_id")
    .execute();
  return new Map(rows.map((r) => [Number(r.agent_id), Number(r.n)]));
}

/** Per agent: evaluations and how many scored 100% (not fatal) within the date range (both sources). */
export async function fullMarksByAgent(db: Db, fromDate: string, toDate: string): Promise<Map<number, { evaluations: number; full: number }>> {
  const rows = await db
    .selectFrom("qa_evaluations")
    .select([
      "agent_id",
      (eb) => eb.fn.countAll<number | string>().as("n"),
      sql<number | string>`SUM(CASE WHEN score_pct >= 100 AND fatal = 0 THEN 1 ELSE 0 END)`.as("full"),
    ])
    .where("date", ">=", fromDate)
    .where("date", "<=", toDate)
    .groupBy("agent_id")
    .execute();
  return new Map(rows.map((r) => [Number(r.agent_id), { evaluations: Number(r.n), full: Number(r.full) }]));
}

/** Contact ids of evaluations that found a problem (below 100% or fatal) within the date range. */
export async function problemContactIds(db: Db, fromDate: string, toDate: string): Promise<string[]> {
  const rows = await db
    .selectFrom("qa_evaluations")
    .select("contact_id")
    .where("date", ">=", fromDate)
    .where("date", "<=", toDate)
    .where("contact_id", "is not", null)
    .where((eb) => eb.or([eb("score_pct", "<", 100), eb("fatal", "=", 1)]))
    .execute();
  return rows.map((r) => r.contact_id!).filter((id) => id !== null);
}

export async function findSamplePlan(db: Db, month: string): Promise<QaSamplePlan | undefined> {
  return db.selectFrom("qa_sample_plans").selectAll().where("month", "=", month).executeTakeFirst();
}

/** Stores a month's plan, replacing a previous one for the month. */
export async function replaceSamplePlan(db: Db, plan: QaSamplePlan, picks: NewQaSamplePick[]): Promise<void> {
  await db.deleteFrom("qa_sample_picks").where("month", "=", plan.month).execute();
  await db.deleteFrom("qa_sample_plans").where("month", "=", plan.month).execute();
  await db.insertInto("qa_sample_plans").values(plan).execute();
  for (let i = 0; i < picks.length; i += 200) await db.insertInto("qa_sample_picks").values(picks.slice(i, i + 200)).execute();
}

export async function samplePicks(db: Db, month: string) {
  return db
    .selectFrom("qa_sample_picks as p")
    .innerJoin("agents as a", "a.id", "p.agent_id")
    .leftJoin("qa_contacts as c", "c.contact_id", "p.contact_id")
    .leftJoin("users as u", "u.id", "p.reviewer_user_id")
    .select(["p.contact_id", "p.kind", "p.reason", "p.reviewer_user_id", "u.email as reviewer_email", "a.agent_code", "a.id as agent_id", "a.team_id", "c.started_at", "c.channel", "c.duration_sec"])
    .where("p.month", "=", month)
    .orderBy("a.agent_code")
    .orderBy("c.started_at")
    .execute();
}
