import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../tables.ts";

/**
 * A digest of every stored quarter result and per-metric result: what decides pay. Computed
 * the same way on either engine, through Kysely, so a copy can prove that the numbers arrived
 * unchanged: rows are sorted here in JavaScript (not by the database's collation, which
 * differs between SQLite and Postgres), each row is written as a JSON array of its columns in
 * a fixed order (doubles print exactly: the shortest text that reads back as the same number).
 */
export interface ResultsChecksum {
  quarterResults: number;
  metricResults: number;
  /** sha256, hex. */
  sha256: string;
}

const QUARTER_RESULT_COLUMNS = [
  "quarter_id",
  "agent_id",
  "team_id",
  "rubric_version_id",
  "status",
  "composite",
  "adjustment",
  "final_composite",
  "grade",
  "rank_team",
  "rank_org",
  "missing_weight_bp",
  "explanation",
  "calculated_at",
] as const;

const METRIC_RESULT_COLUMNS = [
  "quarter_id",
  "agent_id",
  "metric_key",
  "dimension_key",
  "raw_value",
  "points",
  "normalized",
  "weight_bp",
  "effective_weight_pct",
  "sample",
  "missing",
] as const;

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export async function resultsChecksum(db: Kysely<Database>): Promise<ResultsChecksum> {
  const hash = createHash("sha256");
  const quarters = (await db.selectFrom("quarter_results").select("quarter_id").distinct().execute()).map((r) => r.quarter_id).sort(byCodeUnits);
  let quarterResults = 0;
  let metricResults = 0;
  for (const quarter of quarters) {
    const results = await db.selectFrom("quarter_results").select(QUARTER_RESULT_COLUMNS).where("quarter_id", "=", quarter).execute();
    results.sort((a, b) => a.agent_id - b.agent_id);
    for (const row of results) hash.update(`R${JSON.stringify(QUARTER_RESULT_COLUMNS.map((c) => row[c]))}\n`);
    quarterResults += results.length;
  }
  const metricQuarters = (await db.selectFrom("quarter_metric_results").select("quarter_id").distinct().execute())
    .map((r) => r.quarter_id)
    .sort(byCodeUnits);
  for (const quarter of metricQuarters) {
    const metrics = await db.selectFrom("quarter_metric_results").select(METRIC_RESULT_COLUMNS).where("quarter_id", "=", quarter).execute();
    metrics.sort((a, b) => a.agent_id - b.agent_id || byCodeUnits(a.metric_key, b.metric_key));
    for (const row of metrics) hash.update(`M${JSON.stringify(METRIC_RESULT_COLUMNS.map((c) => row[c]))}\n`);
    metricResults += metrics.length;
  }
  return { quarterResults, metricResults, sha256: hash.digest("hex") };
}
