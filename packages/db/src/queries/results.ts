import type { Db } from "../database.ts";
import type { NewQuarterMetricResult, NewQuarterResult, QuarterMetricResult, QuarterResult } from "../tables.ts";

/** Rows per INSERT statement; keeps well under SQLite's bound-parameter limit. */
const CHUNK = 200;

async function insertChunked<T>(rows: readonly T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

/**
 * Replaces every stored result of a quarter (agent rows and per-metric rows). Run it inside
 * the caller's transaction so readers never see a half-replaced quarter.
 */
export async function replaceQuarterResults(
  db: Db,
  quarterId: string,
  rows: readonly NewQuarterResult[],
  metricRows: readonly NewQuarterMetricResult[],
): Promise<void> {
  await db.deleteFrom("quarter_metric_results").where("quarter_id", "=", quarterId).execute();
  await db.deleteFrom("quarter_results").where("quarter_id", "=", quarterId).execute();
  await insertChunked(rows, (chunk) => db.insertInto("quarter_results").values(chunk).execute());
  await insertChunked(metricRows, (chunk) => db.insertInto("quarter_metric_results").values(chunk).execute());
}

/** A stored result with the agent's code and name and the team's name. */
export interface QuarterResultRow extends QuarterResult {
  agent_code: string;
  agent_name: string;
  team_name: string;
}

function resultsWithNames(db: Db) {
  return db
    .selectFrom("quarter_results")
    .innerJoin("agents", "agents.id", "quarter_results.agent_id")
    .innerJoin("teams", "teams.id", "quarter_results.team_id")
    .selectAll("quarter_results")
    .select(["agents.agent_code as agent_code", "agents.name as agent_name", "teams.name as team_name"]);
}

/** Every stored result of a quarter, ordered by agent code. */
export async function listQuarterResults(db: Db, quarterId: string): Promise<QuarterResultRow[]> {
  return resultsWithNames(db)
    .where("quarter_results.quarter_id", "=", quarterId)
    .orderBy("agents.agent_code")
    .execute();
}

export async function findAgentResult(db: Db, quarterId: string, agentId: number): Promise<QuarterResultRow | undefined> {
  return resultsWithNames(db)
    .where("quarter_results.quarter_id", "=", quarterId)
    .where("quarter_results.agent_id", "=", agentId)
    .executeTakeFirst();
}

/** One agent's results across quarters, oldest first. */
export async function listAgentResultHistory(db: Db, agentId: number): Promise<QuarterResultRow[]> {
  return resultsWithNames(db)
    .where("quarter_results.agent_id", "=", agentId)
    .orderBy("quarter_results.quarter_id")
    .execute();
}

/** Existing HR adjustments of a quarter by agent id (kept across recalculation). */
export async function listQuarterAdjustments(db: Db, quarterId: string): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom("quarter_results")
    .select(["agent_id", "adjustment"])
    .where("quarter_id", "=", quarterId)
    .execute();
  return new Map(rows.map((r) => [Number(r.agent_id), Number(r.adjustment)]));
}

/** Per-metric rows of a quarter, by agent then metric. */
export async function listQuarterMetricResults(db: Db, quarterId: string): Promise<QuarterMetricResult[]> {
  return db
    .selectFrom("quarter_metric_results")
    .selectAll()
    .where("quarter_id", "=", quarterId)
    .orderBy("agent_id")
    .orderBy("metric_key")
    .execute();
}
