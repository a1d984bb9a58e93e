/**
 * The Postgres rows of `npm run bench` (issue #10): when BENCH_DATABASE_URL (or
 * TEST_DATABASE_URL) points at a Postgres cluster, one quarter of the same dataset is imported
 * through `importCsv` into a fresh database, against a raw COPY of the same parsed rows in the
 * same run, and the quarter is scored against a bare GROUP BY there. No target is set for
 * Postgres; the ratios are reported. Databases are named BENCH_DB_PREFIX_* (default
 * "starboard_bench") and dropped afterwards.
 */
import { type DemoSize, loadSizedDemo, scoreQuarter } from "@starboard/core";
import { type Db, copyFromStdin, copyTextOf, openDatabase } from "@starboard/db";
import { databaseUrlFor, withAdminClient } from "@starboard/db/testing";
import { previousQuarter, quarterEnd, quarterStart } from "@starboard/kpi";
import { parse } from "csv-parse/sync";
import { CompiledQuery, sql } from "kysely";
import { readFileSync } from "node:fs";
import { BENCH_QUARTER, BENCH_SEED, benchContext, benchDemo, importFile, writeQuarterFiles } from "./dataset.ts";
import { BARE_GROUP_BY } from "./recomputeBench.ts";
import { INSERT_COLUMNS } from "./importBench.ts";

export interface PostgresImportBench {
  rows: number;
  fileMb: number;
  /** importCsv of the file (stream → parse → validate → COPY path, one transaction), best run. */
  importSec: number;
  importRowsPerSec: number;
  /** COPY of the same already-parsed rows (formatted to COPY text and streamed), one transaction, best run. */
  baselineSec: number;
  baselineRowsPerSec: number;
  ratio: number;
  /** Re-importing the same file (every row compared, nothing written). */
  reimportSec: number;
}

export interface PostgresRecomputeBench {
  agents: number;
  recomputeSec: number;
  baselineSec: number;
  ratio: number;
}

export type PostgresBenchResult =
  | { skipped: true; reason: string }
  | { skipped: false; size: DemoSize; server: string; import: PostgresImportBench; recompute: PostgresRecomputeBench };

export function postgresBenchUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const url = env.BENCH_DATABASE_URL?.trim() || env.TEST_DATABASE_URL?.trim();
  return url && /^postgres(ql)?:\/\//.test(url) ? url : undefined;
}

function prefix(): string {
  const value = process.env.BENCH_DB_PREFIX ?? "starboard_bench";
  if (!/^[a-z][a-z0-9_]{0,40}$/.test(value)) throw new Error("BENCH_DB_PREFIX must be lower-case letters, digits and _");
  return value;
}

/** A fresh, migrated database `<prefix>_<name>` on the cluster (an old one of that name is dropped). */
async function freshPostgresDb(baseUrl: string, name: string): Promise<Db> {
  const database = `${prefix()}_${name}`;
  await withAdminClient(baseUrl, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await c.query(`CREATE DATABASE "${database}"`);
  });
  return openDatabase(databaseUrlFor(baseUrl, database), { poolSize: 4 });
}

async function dropBenchDatabases(baseUrl: string): Promise<void> {
  await withAdminClient(baseUrl, async (c) => {
    const { rows } = await c.query<{ datname: string }>("SELECT datname FROM pg_database WHERE starts_with(datname, $1)", [`${prefix()}_`]);
    for (const { datname } of rows) await c.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  });
}


async function benchImportPostgres(baseUrl: string, size: DemoSize, workDir: string, rounds: number): Promise<PostgresImportBench> {
  const files = writeQuarterFiles(benchDemo(size), BENCH_QUARTER, workDir);
  let importSec = Infinity;
  let baselineSec = Infinity;
  let reimportSec = Infinity;
  for (let round = 0; round < rounds; round++) {
    // Baseline: parse first (not timed), then time the COPY of those rows.
    {
      const db = await freshPostgresDb(baseUrl, "baseline");
      try {
        await importFile(benchContext(db), "agents", files.agents);
        const ids = new Map((await db.selectFrom("agents").select(["id", "agent_code"]).execute()).map((a) => [a.agent_code, a.id]));
        const num = (s: string) => (s === "" ? null : Number(s));
        const parsed = (parse(readFileSync(files.interactions), { from_line: 2 }) as string[][]).map((r) => ({
          date: r[0],
          agent_id: ids.get(r[1]!),
          channel: r[2],
          contacts: Number(r[3]),
          first_response_sec_sum: num(r[4]!),
          answered_within_90s: num(r[5]!),
          resolved: num(r[6]!),
          resolved_first_contact: num(r[7]!),
          repeat_contacts_30d: num(r[8]!),
          complaints: num(r[9]!),
        }));
        const started = performance.now();
        const copied = await db.transaction().execute((trx) => copyFromStdin(trx, "interaction_daily", INSERT_COLUMNS, copyTextOf(parsed, INSERT_COLUMNS)));
        baselineSec = Math.min(baselineSec, (performance.now() - started) / 1000);
        if (copied !== files.interactionRows) throw new Error(`COPY wrote ${copied} of ${files.interactionRows} rows`);
      } finally {
        await db.destroy();
      }
    }
    // Starboard's import of the file, validation on, streamed; then the same file again.
    {
      const db = await freshPostgresDb(baseUrl, "import");
      try {
        const ctx = benchContext(db);
        await importFile(ctx, "agents", files.agents);
        const started = performance.now();
        const summary = await importFile(ctx, "interactions", files.interactions);
        importSec = Math.min(importSec, (performance.now() - started) / 1000);
        if (summary.added !== files.interactionRows) throw new Error(`import added ${summary.added} of ${files.interactionRows} rows`);
        const again = performance.now();
        const second = await importFile(ctx, "interactions", files.interactions);
        reimportSec = Math.min(reimportSec, (performance.now() - again) / 1000);
        if (second.unchanged !== files.interactionRows) throw new Error(`re-import found ${second.unchanged} unchanged rows`);
      } finally {
        await db.destroy();
      }
    }
  }
  const rows = files.interactionRows;
  return {
    rows,
    fileMb: files.interactionBytes / 1e6,
    importSec,
    importRowsPerSec: rows / importSec,
    baselineSec,
    baselineRowsPerSec: rows / baselineSec,
    ratio: baselineSec / importSec,
    reimportSec,
  };
}

/** The bare GROUP BY queries of the SQLite recompute bench, with Postgres placeholders. */
async function bareGroupBySecPostgres(db: Db, quarter: string): Promise<number> {
  const started = performance.now();
  for (const statement of BARE_GROUP_BY) {
    let n = 0;
    const text = statement.replace(/\?/g, () => `$${++n}`);
    await db.executeQuery(CompiledQuery.raw(text, [quarterStart(quarter), quarterEnd(quarter)]));
  }
  return (performance.now() - started) / 1000;
}

async function benchRecomputePostgres(baseUrl: string, size: DemoSize, workDir: string, log: (m: string) => void, runs = 3): Promise<PostgresRecomputeBench> {
  const db = await freshPostgresDb(baseUrl, "recompute");
  try {
    const ctx = benchContext(db);
    await loadSizedDemo(ctx, { size, seed: BENCH_SEED, quarters: [previousQuarter(BENCH_QUARTER)], onProgress: (m) => log(`  postgres ${size} ${m}`) });
    const files = writeQuarterFiles(benchDemo(size), BENCH_QUARTER, workDir);
    for (const kind of ["interactions", "qa", "csat"] as const) await importFile(ctx, kind, files[kind]);
    await sql`ANALYZE`.execute(db);
    let recomputeSec = Infinity;
    let baselineSec = Infinity;
    let agents = 0;
    for (let run = 0; run < runs; run++) {
      baselineSec = Math.min(baselineSec, await bareGroupBySecPostgres(db, BENCH_QUARTER));
      const started = performance.now();
      const report = await scoreQuarter(ctx, BENCH_QUARTER);
      recomputeSec = Math.min(recomputeSec, (performance.now() - started) / 1000);
      agents = report.agents.length;
    }
    return { agents, recomputeSec, baselineSec, ratio: recomputeSec / baselineSec };
  } finally {
    await db.destroy();
  }
}

/** Runs the Postgres rows, or says why they were skipped. */
export async function benchPostgres(size: DemoSize, workDir: string, log: (m: string) => void, rounds = 1): Promise<PostgresBenchResult> {
  const baseUrl = postgresBenchUrl();
  if (!baseUrl) return { skipped: true, reason: "neither BENCH_DATABASE_URL nor TEST_DATABASE_URL is set to a postgres:// URL" };
  let server: string;
  try {
    server = await withAdminClient(baseUrl, async (c) => (await c.query<{ server_version: string }>("SHOW server_version")).rows[0]!.server_version);
  } catch (error) {
    return { skipped: true, reason: `the Postgres server at the bench URL could not be reached (${(error as Error).message})` };
  }
  try {
    log(`postgres ${server}: import, one quarter of ${size}…`);
    const importResult = await benchImportPostgres(baseUrl, size, workDir, rounds);
    log(`postgres import: ${importResult.ratio.toFixed(2)}× the raw COPY`);
    log(`postgres recompute: loading ${size}…`);
    const recompute = await benchRecomputePostgres(baseUrl, size, workDir, log);
    log(`postgres recompute ${size}: ${recompute.recomputeSec.toFixed(3)} s, ${recompute.ratio.toFixed(2)}× the bare GROUP BY`);
    return { skipped: false, size, server, import: importResult, recompute };
  } finally {
    await dropBenchDatabases(baseUrl);
  }
}

const f = (n: number, digits = 2) => n.toLocaleString("en-GB", { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** The PostgreSQL section of docs/benchmarks.md. */
export function postgresMarkdown(r: PostgresBenchResult): string {
  if (r.skipped) {
    return ["## PostgreSQL", "", `Skipped in this run: ${r.reason}. Set \`BENCH_DATABASE_URL=postgres://…\` (a cluster where the bench may create and drop databases) to add these rows.`, ""].join("\n");
  }
  const i = r.import;
  const c = r.recompute;
  return [
    "## PostgreSQL",
    "",
    `PostgreSQL ${r.server}, same machine and dataset (one quarter of ${r.size}); fresh databases created and dropped by the bench. No target is set for Postgres: the ratios are reported (decision 075).`,
    "",
    "| Benchmark | Baseline | Result | Ratio |",
    "|---|---|---|---|",
    `| Import, one quarter of ${r.size} (${i.rows.toLocaleString("en-GB")} interaction rows, ${f(i.fileMb, 1)} MB CSV) | raw COPY of the parsed rows: ${f(i.baselineSec)} s = ${f(i.baselineRowsPerSec, 0)} rows/s | \`importCsv\`: ${f(i.importSec)} s = ${f(i.importRowsPerSec, 0)} rows/s | **${f(i.ratio)}×** the COPY's rate |`,
    `| Re-import of the same file (every row compared, nothing written) | — | ${f(i.reimportSec)} s | — |`,
    `| Recompute, full ${r.size} quarter (${c.agents.toLocaleString("en-GB")} agents) | bare SQL GROUP BY: ${f(c.baselineSec, 3)} s | \`scoreQuarter\`: ${f(c.recomputeSec, 3)} s | **${f(c.ratio)}×** the GROUP BY's time |`,
    "",
  ].join("\n");
}
