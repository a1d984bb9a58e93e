import type { Kysely } from "kysely";
import type { Db } from "../database.ts";
import type {
  AwardNomination,
  AwardRule,
  AwardType,
  NewAwardNomination,
  NewAwardType,
  NominationStatus,
  ResultComment,
  ResultCommentKind,
} from "../tables/cycle.ts";
import { FACT_TABLES } from "./facts.ts";

// ── Award types ───────────────────────────────────────────────────────────────
export async function listAwardTypes(db: Db, options: { activeOnly?: boolean } = {}): Promise<AwardType[]> {
  let q = db.selectFrom("award_types").selectAll();
  if (options.activeOnly) q = q.where("active", "=", 1);
  return q.orderBy("id").execute();
}

export async function findAwardTypeByKey(db: Db, key: string): Promise<AwardType | undefined> {
  return db.selectFrom("award_types").selectAll().where("key", "=", key).executeTakeFirst();
}

export async function insertAwardType(db: Db, row: NewAwardType): Promise<number> {
  const inserted = await db.insertInto("award_types").values(row).returning("id").executeTakeFirstOrThrow();
  return Number(inserted.id);
}

export async function updateAwardType(
  db: Db,
  id: number,
  values: { name?: string; amount?: number; currency?: string; active?: 0 | 1 },
): Promise<void> {
  await db.updateTable("award_types").set(values).where("id", "=", id).execute();
}

// ── Nominations ───────────────────────────────────────────────────────────────
export interface NominationRow extends AwardNomination {
  agent_code: string;
  agent_name: string;
  team_id: number;
  team_name: string;
  award_key: string;
  award_name: string;
  award_rule: AwardRule;
  award_amount: number;
  award_currency: string;
}

function nominationsWithNames(db: Db) {
  return db
    .selectFrom("award_nominations as n")
    .innerJoin("agents as a", "a.id", "n.agent_id")
    .innerJoin("award_types as t", "t.id", "n.award_type_id")
    .leftJoin("quarter_results as r", (j) => j.onRef("r.quarter_id", "=", "n.quarter_id").onRef("r.agent_id", "=", "n.agent_id"))
    .innerJoin("teams as tm", (j) => j.on((eb) => eb("tm.id", "=", eb.fn.coalesce("r.team_id", "a.team_id"))))
    .selectAll("n")
    .select([
      "a.agent_code as agent_code",
      "a.name as agent_name",
      "tm.id as team_id",
      "tm.name as team_name",
      "t.key as award_key",
      "t.name as award_name",
      "t.rule as award_rule",
      "t.amount as award_amount",
      "t.currency as award_currency",
    ]);
}

/** A quarter's nominations (withdrawn ones only when asked), by agent code then award. */
export async function listNominations(
  db: Db,
  quarterId: string,
  options: { includeWithdrawn?: boolean } = {},
): Promise<NominationRow[]> {
  let q = nominationsWithNames(db).where("n.quarter_id", "=", quarterId);
  if (!options.includeWithdrawn) q = q.where("n.status", "!=", "withdrawn");
  return (await q.orderBy("a.agent_code").orderBy("t.id").execute()) as NominationRow[];
}

/** An agent's nominations in every quarter (not withdrawn), oldest first. */
export async function listAgentNominations(db: Db, agentId: number, quarterIds?: readonly string[]): Promise<NominationRow[]> {
  let q = nominationsWithNames(db).where("n.agent_id", "=", agentId).where("n.status", "!=", "withdrawn");
  if (quarterIds) {
    if (quarterIds.length === 0) return [];
    q = q.where("n.quarter_id", "in", [...quarterIds]);
  }
  return (await q.orderBy("n.quarter_id").orderBy("t.id").execute()) as NominationRow[];
}

export async function findNomination(db: Db, quarterId: string, agentId: number, awardTypeId: number): Promise<AwardNomination | undefined> {
  return db
    .selectFrom("award_nominations")
    .selectAll()
    .where("quarter_id", "=", quarterId)
    .where("agent_id", "=", agentId)
    .where("award_type_id", "=", awardTypeId)
    .executeTakeFirst();
}

export async function insertNomination(db: Db, row: NewAwardNomination): Promise<void> {
  await db.insertInto("award_nominations").values(row).execute();
}

export async function setNominationStatus(
  db: Db,
  id: number,
  change: { status: NominationStatus; reason: string | null; decidedBy: string | null; decidedAt: string | null; nominatedAt?: string },
): Promise<void> {
  await db
    .updateTable("award_nominations")
    .set({
      status: change.status,
      reason: change.reason,
      decided_by: change.decidedBy,
      decided_at: change.decidedAt,
      ...(change.nominatedAt ? { nominated_at: change.nominatedAt } : {}),
    })
    .where("id", "=", id)
    .execute();
}

/** Withdraws every still-undecided nomination of a quarter; returns how many. */
export async function withdrawOpenNominations(db: Db, quarterId: string, reason: string, at: string): Promise<number> {
  const result = await db
    .updateTable("award_nominations")
    .set({ status: "withdrawn", reason, decided_at: at, decided_by: null })
    .where("quarter_id", "=", quarterId)
    .where("status", "=", "nominated")
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

// ── Adjustments ───────────────────────────────────────────────────────────────
export async function insertResultAdjustment(
  db: Db,
  row: { quarterId: string; agentId: number; adjustment: number; reason: string; actorUserId: number | null; actorLabel: string; at: string },
): Promise<void> {
  await db
    .insertInto("result_adjustments")
    .values({
      quarter_id: row.quarterId,
      agent_id: row.agentId,
      adjustment: row.adjustment,
      reason: row.reason,
      actor_user_id: row.actorUserId,
      actor_label: row.actorLabel,
      at: row.at,
    })
    .execute();
}

/** The latest adjustment reason per agent of a quarter. */
export async function latestAdjustmentReasons(db: Db, quarterId: string): Promise<Map<number, { reason: string; by: string; at: string }>> {
  const rows = await db
    .selectFrom("result_adjustments")
    .select(["agent_id", "reason", "actor_label", "at"])
    .where("quarter_id", "=", quarterId)
    .orderBy("id")
    .execute();
  return new Map(rows.map((r) => [Number(r.agent_id), { reason: r.reason, by: r.actor_label, at: r.at }]));
}

/** Writes a result's adjustment, final composite, grade and ranks (after a re-rank by the caller). */
export async function updateResultFinal(
  db: Db,
  quarterId: string,
  agentId: number,
  values: { adjustment: number; final_composite: number | null; grade: string | null; rank_team: number | null; rank_org: number | null },
): Promise<void> {
  await db.updateTable("quarter_results").set(values).where("quarter_id", "=", quarterId).where("agent_id", "=", agentId).execute();
}

// ── Comments and acknowledgements ────────────────────────────────────────────
export async function insertResultComment(
  db: Db,
  row: { quarterId: string; agentId: number; kind: ResultCommentKind; body: string; authorUserId: number | null; authorLabel: string; at: string },
): Promise<void> {
  await db
    .insertInto("result_comments")
    .values({
      quarter_id: row.quarterId,
      agent_id: row.agentId,
      kind: row.kind,
      body: row.body,
      author_user_id: row.authorUserId,
      author_label: row.authorLabel,
      at: row.at,
    })
    .execute();
}

export async function listResultComments(db: Db, quarterId: string, agentId: number): Promise<ResultComment[]> {
  return db
    .selectFrom("result_comments")
    .selectAll()
    .where("quarter_id", "=", quarterId)
    .where("agent_id", "=", agentId)
    .orderBy("id")
    .execute();
}

/** Agents' comments and appeals on a quarter's appraisals, newest first (HR's cycle page). */
export async function listAgentResponses(db: Db, quarterId: string) {
  return db
    .selectFrom("result_comments as c")
    .innerJoin("agents as a", "a.id", "c.agent_id")
    .select(["c.id", "a.agent_code", "a.name", "c.body", "c.at", "c.kind"])
    .where("c.quarter_id", "=", quarterId)
    .where("c.kind", "in", ["appeal", "agent"])
    .orderBy("c.id", "desc")
    .execute();
}

export async function findAcknowledgement(db: Db, quarterId: string, agentId: number): Promise<{ at: string } | undefined> {
  return db
    .selectFrom("appraisal_acknowledgements")
    .select("at")
    .where("quarter_id", "=", quarterId)
    .where("agent_id", "=", agentId)
    .executeTakeFirst();
}

export async function insertAcknowledgement(db: Db, row: { quarterId: string; agentId: number; userId: number; at: string }): Promise<void> {
  await db
    .insertInto("appraisal_acknowledgements")
    .values({ quarter_id: row.quarterId, agent_id: row.agentId, user_id: row.userId, at: row.at })
    .execute();
}

// ── QA facts for the award rules ─────────────────────────────────────────────
/** Fatal QA evaluations per agent between two dates (inclusive). */
export async function fatalQaCounts(db: Db, firstDay: string, lastDay: string): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom("qa_evaluations")
    .select(["agent_id", (eb) => eb.fn.countAll<number>().as("n")])
    .where("fatal", "=", 1)
    .where("date", ">=", firstDay)
    .where("date", "<=", lastDay)
    .groupBy("agent_id")
    .execute();
  return new Map(rows.map((r) => [Number(r.agent_id), Number(r.n)]));
}

// ── Import history and rollback ──────────────────────────────────────────────
/** The facts a quarter's score is computed from (contacts for QA sampling are not among them). */
export const FACT_TABLE_NAMES = ["interaction_daily", "qa_evaluations", "csat_responses"] as const satisfies readonly (keyof typeof FACT_TABLES)[];
export type FactTableName = (typeof FACT_TABLE_NAMES)[number];

/** Distinct dates of the rows currently carrying an import's id, per fact table. */
export async function datesWrittenByImport(db: Db, table: FactTableName, importId: number): Promise<string[]> {
  const anyDb = db as unknown as Kysely<any>;
  const rows = await anyDb.selectFrom(table).select("date").distinct().where("import_id", "=", importId).execute();
  return rows.map((r) => String(r.date));
}

export async function listReplacedRows(db: Db, importId: number) {
  return db.selectFrom("import_replaced_rows").selectAll().where("import_id", "=", importId).orderBy("id").execute();
}

/** Later imports that replaced rows this import had written (so rolling it back would lose their data). */
export async function importsSupersedingImport(db: Db, importId: number): Promise<number[]> {
  const rows = await db
    .selectFrom("import_replaced_rows")
    .select("import_id")
    .distinct()
    .where("before_import_id", "=", importId)
    .where("import_id", "not in", (eb) => eb.selectFrom("import_rollbacks").select("import_id"))
    .execute();
  return rows.map((r) => Number(r.import_id)).sort((a, b) => a - b);
}

/** Deletes every fact row carrying the import's id; returns how many. */
export async function deleteRowsOfImport(db: Db, table: FactTableName, importId: number): Promise<number> {
  const anyDb = db as unknown as Kysely<any>;
  const result = await anyDb.deleteFrom(table).where("import_id", "=", importId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Re-inserts a before-image as it was. */
export async function restoreFactRow(db: Db, table: FactTableName, row: Record<string, unknown>): Promise<void> {
  const anyDb = db as unknown as Kysely<any>;
  await anyDb.insertInto(table).values(row).execute();
}

export async function insertImportRollback(
  db: Db,
  row: { importId: number; actorUserId: number | null; actorLabel: string; at: string; quarters: readonly string[] },
): Promise<void> {
  await db
    .insertInto("import_rollbacks")
    .values({ import_id: row.importId, actor_user_id: row.actorUserId, actor_label: row.actorLabel, at: row.at, quarters: row.quarters.join(",") })
    .execute();
}

export async function rolledBackImportIds(db: Db): Promise<Map<number, { at: string; by: string }>> {
  const rows = await db.selectFrom("import_rollbacks").selectAll().execute();
  return new Map(rows.map((r) => [Number(r.import_id), { at: r.at, by: r.actor_label }]));
}

/** Imports with a row dated within [firstDay, lastDay], newest first (the quarter's import history). */
export async function importIdsTouchingPeriod(db: Db, firstDay: string, lastDay: string, quarterId?: string): Promise<number[]> {
  const ids = new Set<number>();
  const anyDb = db as unknown as Kysely<any>;
  for (const table of FACT_TABLE_NAMES) {
    const rows = await anyDb
      .selectFrom(table)
      .select("import_id")
      .distinct()
      .where("date", ">=", firstDay)
      .where("date", "<=", lastDay)
      .where("import_id", "is not", null)
      .execute();
    for (const r of rows) ids.add(Number(r.import_id));
  }
  // Imports whose rows were since replaced still belong to the history, as do the replacers.
  const replaced = await db
    .selectFrom("import_replaced_rows")
    .select(["import_id", "before_import_id"])
    .distinct()
    .where("row_date", ">=", firstDay)
    .where("row_date", "<=", lastDay)
    .execute();
  for (const r of replaced) {
    ids.add(Number(r.import_id));
    if (r.before_import_id !== null) ids.add(Number(r.before_import_id));
  }
  // A rolled-back import has no rows left; it keeps its place in the history through its own record.
  for (const r of await db.selectFrom("import_rollbacks").select(["import_id", "quarters"]).execute()) {
    if (quarterId !== undefined && r.quarters.split(",").includes(quarterId)) ids.add(Number(r.import_id));
  }
  return [...ids].sort((a, b) => b - a);
}

/** Latest write to facts of a period after `since` (an import created later than the calculation). */
export async function importsAfter(db: Db, ids: readonly number[], since: string): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom("imports").select("id").where("id", "in", [...ids]).where("created_at", ">", since).execute();
  return rows.map((r) => Number(r.id));
}
