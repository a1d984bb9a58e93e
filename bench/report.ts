import { execSync } from "node:child_process";
import { cpus, totalmem } from "node:os";
import type { BundleBenchResult } from "./bundleBench.ts";
import type { DashboardBenchResult } from "./dashboardBench.ts";
import type { ImportBenchResult } from "./importBench.ts";
import type { RecomputeBenchResult } from "./recomputeBench.ts";

export interface BenchResults {
  import: ImportBenchResult;
  recompute: RecomputeBenchResult[];
  dashboard: DashboardBenchResult;
  bundle: BundleBenchResult;
  totalSec: number;
}

/** The targets of issue #9, in one place: the table and the pass/fail column use them. */
export const TARGETS = {
  importRatioMin: 0.5,
  recomputeRatioMax: 3,
  recomputeSecMax: 2,
  dashboardRatioMin: 0.2,
  dashboardP95MsMax: 300,
  agentPageGzipKbMax: 250,
} as const;

const f = (n: number, digits = 2) => n.toLocaleString("en-GB", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const cpu = (sec: number | undefined) => (sec === undefined ? "—" : f(sec));
const mark = (ok: boolean) => (ok ? "✅ met" : "❌ not met");

function machine(): string {
  let cpuModel = cpus()[0]?.model ?? "unknown CPU";
  try {
    cpuModel = `${execSync("nproc").toString().trim()} × ${cpuModel}`;
  } catch {
    cpuModel = `${cpus().length} × ${cpuModel}`;
  }
  return `${cpuModel}; ${f(totalmem() / 2 ** 30, 1)} GiB RAM; Node ${process.version}; ${process.platform} ${process.arch}; load average at start ${f(Number(execSync("cut -d' ' -f1 /proc/loadavg").toString()), 2)}`;
}

export function benchmarksMarkdown(r: BenchResults, when = new Date()): string {
  const imp = r.import;
  const L = r.recompute.find((x) => x.size === "L") ?? r.recompute.at(-1)!;
  const d = r.dashboard;
  const lines = [
    "# Benchmarks",
    "",
    "Written by `npm run bench` (bench/run.ts) — do not edit by hand. Every target is a ratio against a",
    "baseline run in the same process on the same machine; absolute figures are for reference only.",
    "",
    `Run: ${when.toISOString()} — machine: ${machine()} — whole run ${f(r.totalSec, 0)} s.`,
    "",
    "## Summary",
    "",
    "| Benchmark | Baseline | Result | Target | Status |",
    "|---|---|---|---|---|",
    `| Import, one quarter of ${imp.size} (${imp.rows.toLocaleString("en-GB")} interaction rows, ${f(imp.fileMb, 1)} MB CSV) | raw prepared INSERT of the parsed rows: ${f(imp.baselineRowsPerSec, 0)} rows/s | ${f(imp.importRowsPerSec, 0)} rows/s = **${f(imp.ratio)}×** | ≥ ${TARGETS.importRatioMin}× | ${mark(imp.ratio >= TARGETS.importRatioMin)} |`,
    `| Recompute, full ${L.size} quarter (${L.agents.toLocaleString("en-GB")} agents) | bare SQL GROUP BY: ${f(L.baselineSec, 3)} s | ${f(L.recomputeSec, 3)} s = **${f(L.ratio)}×** | ≤ ${TARGETS.recomputeRatioMax}× and < ${TARGETS.recomputeSecMax} s | ${mark(L.ratio <= TARGETS.recomputeRatioMax && L.recomputeSec < TARGETS.recomputeSecMax)} |`,
    ...d.pages.map(
      (p) =>
        `| Dashboard: ${p.page} (\`${p.path}\`), ${d.connections} connections | static file: ${f(d.staticFile.requestsPerSec, 0)} req/s | ${f(p.requestsPerSec, 0)} req/s = **${f(p.ratio)}×**, p95 ${f(p.p95Ms, 0)} ms | ≥ ${TARGETS.dashboardRatioMin}×, p95 < ${TARGETS.dashboardP95MsMax} ms | ${mark(p.ratio >= TARGETS.dashboardRatioMin && p.p95Ms < TARGETS.dashboardP95MsMax && p.errors === 0)} |`,
    ),
    `| Agent page JS to render + hydrate (gzip) | — | **${f(r.bundle.gzipKb, 1)} kB** in ${r.bundle.files} files (charts lazy: ${f(r.bundle.lazyGzipKb, 1)} kB after) | < ${TARGETS.agentPageGzipKbMax} kB | ${mark(r.bundle.gzipKb < TARGETS.agentPageGzipKbMax)} |`,
    "",
    "## Import",
    "",
    `CSV → SQLite with validation on, streamed in batches, one transaction (best of the rounds); reading and checking the CSV runs on a worker thread, overlapped with the writes (decision 065). Re-importing the same file (every row compared, nothing changed): ${f(imp.reimportSec)} s. ` +
      `Memory during the import of a ${f(imp.fileMb, 1)} MB file: JavaScript heap peak growth ${f(imp.peakHeapGrowthMb, 0)} MB, resident memory ${f(imp.peakRssGrowthMb, 0)} MB ` +
      "(the file is streamed in chunks and never held whole; the duplicate-key check keeps its keys in typed arrays, " +
      "and the resident figure includes SQLite's 64 MiB page cache and memory-mapped pages).",
    "",
    "| | seconds | rows/s | CPU seconds of the main thread |",
    "|---|---|---|---|",
    `| Baseline: raw better-sqlite3 prepared INSERT, one transaction | ${f(imp.baselineSec)} | ${f(imp.baselineRowsPerSec, 0)} | ${cpu(imp.baselineCpuSec)} |`,
    `| Starboard import (\`importCsv\`) | ${f(imp.importSec)} | ${f(imp.importRowsPerSec, 0)} | ${cpu(imp.importMainThreadCpuSec)} |`,
    "",
    "On a machine shared with other work the wall-clock times swing with the load (the run's load average is in its header); " +
      "the main thread's CPU seconds show what each side itself cost. The import's worker thread is not in its figure.",
    "",
    "## Recompute (scoring a quarter): S / M / L",
    "",
    "| Size | Agents | Bare GROUP BY (s) | scoreQuarter (s) | Ratio | ms per agent |",
    "|---|---|---|---|---|---|",
    ...r.recompute.map((x) => `| ${x.size} | ${x.agents.toLocaleString("en-GB")} | ${f(x.baselineSec, 3)} | ${f(x.recomputeSec, 3)} | ${f(x.ratio)}× | ${f(x.msPerAgent, 3)} |`),
    "",
    "## Dashboard",
    "",
    `Production build (apps/web/server.mjs: remix-serve's Express stack plus the dashboard page cache, docs/decisions/063-dashboard-page-cache.md) over HTTP, ${r.import.size} data, signed in as HR; autocannon, ${d.connections} connections, ${d.durationSec} s per page. Latency percentiles from every response. ` +
      `The baseline is the mean of the static file's runs before (${f(d.staticRuns[0].requestsPerSec, 0)} req/s) and after (${f(d.staticRuns[1].requestsPerSec, 0)} req/s) the pages. ` +
      `One HR user asks for the same page over and over, so after the first view every request is a cache hit (X-Page-Cache after the warm-up: ${Object.entries(d.cacheStatusAfterWarmup).map(([path, status]) => `\`${path}\` ${status ?? "none"}`).join(", ")}); ` +
      "a hit still checks the session in the database, writes the privacy-log entry of the view (team and agent pages) and gets its own CSP nonce.",
    "",
    "| Page | req/s | vs static | p50 ms | p95 ms | p99 ms | non-200 / errors |",
    "|---|---|---|---|---|---|---|",
    ...[d.staticFile, ...d.pages].map(
      (p) => `| ${p.page} \`${p.path}\` | ${f(p.requestsPerSec, 0)} | ${f(p.ratio)}× | ${f(p.p50Ms, 0)} | ${f(p.p95Ms, 0)} | ${f(p.p99Ms, 0)} | ${p.errors} |`,
    ),
    "",
    "For reference, the same pages with the page cache off (`STARBOARD_PAGE_CACHE_MB=0`: every request rendered, as on a first view or after any write):",
    "",
    "| Page (cache off) | req/s | vs static | p50 ms | p95 ms | p99 ms | non-200 / errors |",
    "|---|---|---|---|---|---|---|",
    ...d.uncachedPages.map(
      (p) => `| ${p.page} \`${p.path}\` | ${f(p.requestsPerSec, 0)} | ${f(p.ratio)}× | ${f(p.p50Ms, 0)} | ${f(p.p95Ms, 0)} | ${f(p.p99Ms, 0)} | ${p.errors} |`,
    ),
    "",
    "## Agent page bundle",
    "",
    `Entry, root and \`${r.bundle.route}\` modules with their static imports, from the build's Remix manifest: ${f(r.bundle.rawKb, 1)} kB raw, ${f(r.bundle.gzipKb, 1)} kB gzip. ` +
      `The chart components are separate chunks loaded after hydration (${f(r.bundle.lazyGzipKb, 1)} kB gzip).`,
    "",
  ];
  return lines.join("\n");
}
