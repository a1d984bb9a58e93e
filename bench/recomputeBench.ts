import { type DemoSize, loadSizedDemo, scoreQuarter } from "@starboard/core";
import { type Db, rawSqliteOf } from "@starboard/db";
import { previousQuarter, quarterEnd, quarterStart } from "@starboard/kpi";
import { join } from "node:path";
import { BENCH_QUARTER, BENCH_SEED, benchContext, benchDemo, freshDb, importFile, writeQuarterFiles } from "./dataset.ts";

export interface RecomputeBenchResult {
  size: DemoSize;
  agents: number;
  /** scoreQuarter: aggregation + engine + storing results and ranks, one transaction; best run. */
  recomputeSec: number;
  /** The bare SQL GROUP BY queries producing the same per-agent sums; best run. */
  baselineSec: number;
  ratio: number;
  msPerAgent: number;
}

/** The same sums the scoring aggregates produce, as bare SQL run straight on the SQLite handle. */
export const BARE_GROUP_BY = [
  `SELECT agent_id, channel, SUM(contacts),
     SUM(CASE WHEN first_response_sec_sum IS NOT NULL THEN contacts ELSE 0 END), SUM(first_response_sec_sum),
     SUM(CASE WHEN answered_within_90s IS NOT NULL THEN contacts ELSE 0 END), SUM(answered_within_90s),
     SUM(CASE WHEN resolved IS NOT NULL AND resolved_first_contact IS NOT NULL THEN resolved ELSE 0 END),
     SUM(CASE WHEN resolved IS NOT NULL AND resolved_first_contact IS NOT NULL THEN resolved_first_contact ELSE 0 END),
     SUM(CASE WHEN repeat_contacts_30d IS NOT NULL THEN contacts ELSE 0 END), SUM(repeat_contacts_30d),
     SUM(CASE WHEN complaints IS NOT NULL THEN contacts ELSE 0 END), SUM(complaints)
   FROM interaction_daily WHERE date >= ? AND date <= ? GROUP BY agent_id, channel`,
  `SELECT agent_id, COUNT(*), SUM(CASE WHEN fatal = 1 THEN 0 ELSE score_pct END), SUM(fatal)
   FROM qa_evaluations WHERE date >= ? AND date <= ? GROUP BY agent_id`,
  `SELECT agent_id, COUNT(*), SUM(rating) FROM csat_responses WHERE date >= ? AND date <= ? GROUP BY agent_id`,
];

export function bareGroupBySec(db: Db, quarter: string): number {
  const sqlite = rawSqliteOf(db)!;
  const statements = BARE_GROUP_BY.map((s) => sqlite.prepare(s));
  const started = performance.now();
  for (const st of statements) st.all(quarterStart(quarter), quarterEnd(quarter));
  return (performance.now() - started) / 1000;
}

/**
 * A database with a sized dataset: the previous quarter loaded, scored and published with
 * its users (loadSizedDemo), then the benchmark quarter imported through the CSV import and
 * left open to (re)calculate. Returns the database and its file.
 */
export async function quarterDatabase(size: DemoSize, workDir: string, onProgress?: (m: string) => void): Promise<{ db: Db; file: string }> {
  const demo = benchDemo(size);
  const file = join(workDir, `dashboard-${size}.db`);
  const db = await freshDb(file);
  const ctx = benchContext(db);
  await loadSizedDemo(ctx, { size, seed: BENCH_SEED, quarters: [previousQuarter(BENCH_QUARTER)], ...(onProgress ? { onProgress } : {}) });
  const files = writeQuarterFiles(demo, BENCH_QUARTER, workDir);
  for (const kind of ["interactions", "qa", "csat"] as const) await importFile(ctx, kind, files[kind]);
  onProgress?.(`${BENCH_QUARTER} imported`);
  return { db, file };
}

/** Recompute: scoring a full quarter vs the bare GROUP BY over the same rows (runs ≥ 1, best of each). */
export async function benchRecompute(db: Db, size: DemoSize, runs = 3): Promise<RecomputeBenchResult> {
  const ctx = benchContext(db);
  let recomputeSec = Infinity;
  let baselineSec = Infinity;
  let agents = 0;
  for (let run = 0; run < runs; run++) {
    baselineSec = Math.min(baselineSec, bareGroupBySec(db, BENCH_QUARTER));
    const started = performance.now();
    const report = await scoreQuarter(ctx, BENCH_QUARTER);
    recomputeSec = Math.min(recomputeSec, (performance.now() - started) / 1000);
    agents = report.agents.length;
  }
  return { size, agents, recomputeSec, baselineSec, ratio: recomputeSec / baselineSec, msPerAgent: (recomputeSec * 1000) / agents };
}
