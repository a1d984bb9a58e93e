import { rawSqliteOf } from "@starboard/db";
import { parse } from "csv-parse/sync";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { BENCH_QUARTER, benchContext, benchDemo, freshDb, importFile, writeQuarterFiles } from "./dataset.ts";
import type { DemoSize } from "@starboard/core";
import { threadCpuSec } from "./threadCpu.ts";

export interface ImportBenchResult {
  size: DemoSize;
  rows: number;
  fileMb: number;
  /** Starboard's import (stream → parse → validate → upsert, one transaction), best run. */
  importSec: number;
  importRowsPerSec: number;
  /** Raw better-sqlite3 prepared INSERT of the same, already parsed rows, one transaction, best run. */
  baselineSec: number;
  baselineRowsPerSec: number;
  ratio: number;
  /** CPU seconds of the main thread in the best rounds (the import's parse stage runs on a worker thread and is not counted); undefined off Linux. */
  baselineCpuSec: number | undefined;
  importMainThreadCpuSec: number | undefined;
  /** Re-importing the same file (every row compared, nothing written). */
  reimportSec: number;
  /** Peak growth of the process's resident memory during the import (includes SQLite's page cache and mmap). */
  peakRssGrowthMb: number;
  /** Peak growth of the JavaScript heap during the import (what the import itself holds). */
  peakHeapGrowthMb: number;
}

/** The interaction_daily columns both baselines write (raw INSERT here, COPY in postgres.ts). */
export const INSERT_COLUMNS = [
  "date",
  "agent_id",
  "channel",
  "contacts",
  "first_response_sec_sum",
  "answered_within_90s",
  "resolved",
  "resolved_first_contact",
  "repeat_contacts_30d",
  "complaints",
] as const;

/**
 * Import: one quarter of interactions, CSV → SQLite, vs a raw prepared insert of the same
 * parsed rows. Both write into a freshly migrated database with the same schema and indexes.
 */
export async function benchImport(size: DemoSize, workDir: string, rounds = 1): Promise<ImportBenchResult> {
  const demo = benchDemo(size);
  const files = writeQuarterFiles(demo, BENCH_QUARTER, workDir);
  let importSec = Infinity;
  let baselineSec = Infinity;
  let reimportSec = Infinity;
  let peakRssGrowthMb = 0;
  let peakHeapGrowthMb = 0;
  let baselineCpuSec: number | undefined;
  let importMainThreadCpuSec: number | undefined;
  const cpuSince = (start: number | undefined) => {
    const now = threadCpuSec();
    return start === undefined || now === undefined ? undefined : now - start;
  };

  for (let round = 0; round < rounds; round++) {
    // Baseline: parse first (not timed), then time only the raw inserts.
    {
      const db = await freshDb(join(workDir, `baseline-${size}.db`));
      const ctx = benchContext(db);
      await importFile(ctx, "agents", files.agents);
      const ids = new Map((await db.selectFrom("agents").select(["id", "agent_code"]).execute()).map((a) => [a.agent_code, a.id]));
      const num = (s: string) => (s === "" ? null : Number(s));
      const parsed = (parse(readFileSync(files.interactions), { from_line: 2 }) as string[][]).map((r) => [
        r[0],
        ids.get(r[1]!),
        r[2],
        Number(r[3]),
        num(r[4]!),
        num(r[5]!),
        num(r[6]!),
        num(r[7]!),
        num(r[8]!),
        num(r[9]!),
      ]);
      const sqlite = rawSqliteOf(db)!;
      const insert = sqlite.prepare(
        `INSERT INTO interaction_daily (${INSERT_COLUMNS.join(", ")}) VALUES (${INSERT_COLUMNS.map(() => "?").join(", ")})`,
      );
      const cpuStart = threadCpuSec();
      const started = performance.now();
      sqlite.transaction(() => {
        for (const params of parsed) insert.run(params);
      })();
      const sec = (performance.now() - started) / 1000;
      if (sec < baselineSec) {
        baselineSec = sec;
        baselineCpuSec = cpuSince(cpuStart);
      }
      await db.destroy();
    }
    // Starboard's import of the file, validation on, streamed.
    {
      const db = await freshDb(join(workDir, `import-${size}.db`));
      const ctx = benchContext(db);
      await importFile(ctx, "agents", files.agents);
      global.gc?.();
      const before = process.memoryUsage();
      let rssPeak = before.rss;
      let heapPeak = before.heapUsed;
      const sampler = setInterval(() => {
        const now = process.memoryUsage();
        rssPeak = Math.max(rssPeak, now.rss);
        heapPeak = Math.max(heapPeak, now.heapUsed);
      }, 20);
      const cpuStart = threadCpuSec();
      const started = performance.now();
      const summary = await importFile(ctx, "interactions", files.interactions);
      const sec = (performance.now() - started) / 1000;
      if (sec < importSec) {
        importSec = sec;
        importMainThreadCpuSec = cpuSince(cpuStart);
      }
      clearInterval(sampler);
      peakRssGrowthMb = Math.max(peakRssGrowthMb, (rssPeak - before.rss) / 1e6);
      peakHeapGrowthMb = Math.max(peakHeapGrowthMb, (heapPeak - before.heapUsed) / 1e6);
      if (summary.added !== files.interactionRows) throw new Error(`import added ${summary.added} of ${files.interactionRows} rows`);
      const again = performance.now();
      const second = await importFile(ctx, "interactions", files.interactions);
      reimportSec = Math.min(reimportSec, (performance.now() - again) / 1000);
      if (second.unchanged !== files.interactionRows) throw new Error(`re-import found ${second.unchanged} unchanged rows`);
      await db.destroy();
    }
  }
  const rows = files.interactionRows;
  return {
    size,
    rows,
    fileMb: files.interactionBytes / 1e6,
    importSec,
    importRowsPerSec: rows / importSec,
    baselineSec,
    baselineRowsPerSec: rows / baselineSec,
    ratio: baselineSec / importSec,
    baselineCpuSec,
    importMainThreadCpuSec,
    reimportSec,
    peakRssGrowthMb,
    peakHeapGrowthMb,
  };
}
