/**
 * `npm run bench`: the performance suite of issue #9 (see docs/benchmarks.md for the
 * results it writes). Not part of `npm test`; a smoke run on S data is (test/e2e/bench-smoke).
 *
 *   npm run bench                 # full run: import and dashboard on L, recompute S/M/L
 *   npm run bench -- --size M     # the same on a smaller dataset (quicker; not the targets)
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { type DemoSize, sizedAgentCode } from "@starboard/core";
import { measureAgentPageBundle } from "./bundleBench.ts";
import { benchDashboard } from "./dashboardBench.ts";
import { benchImport } from "./importBench.ts";
import { benchPostgres, postgresMarkdown } from "./postgres.ts";
import { benchRecompute, quarterDatabase } from "./recomputeBench.ts";
import { benchmarksMarkdown } from "./report.ts";
import { ROOT, SERVER_ENTRY } from "./server.ts";


const { values } = parseArgs({
  options: {
    size: { type: "string", default: "L" },
    duration: { type: "string", default: "10" },
    out: { type: "string", default: join(ROOT, "docs/benchmarks.md") },
  },
});
const size = values.size as DemoSize;
if (!["S", "M", "L"].includes(size)) throw new Error("--size must be S, M or L");
const started = performance.now();
const log = (message: string) => process.stderr.write(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}\n`);
const workDir = mkdtempSync(join(tmpdir(), "starboard-bench-"));

try {
  if (!existsSync(SERVER_ENTRY)) {
    log("building the web app (production)…");
    const build = spawnSync(join(ROOT, "node_modules/.bin/remix"), ["vite:build"], { cwd: join(ROOT, "apps/web"), stdio: "inherit" });
    if (build.status !== 0) throw new Error("the production build failed");
  }

  log(`import: one quarter of ${size}…`);
  const importResult = await benchImport(size, workDir, size === "L" ? 2 : 1);
  log(`import: ${importResult.ratio.toFixed(2)}× the raw insert`);

  const sizes = (["S", "M", "L"] as const).filter((s) => "SML".indexOf(s) <= "SML".indexOf(size));
  const recompute = [];
  let dashboardDb = "";
  for (const s of sizes) {
    log(`recompute: loading ${s}…`);
    const { db, file } = await quarterDatabase(s, workDir, (m) => log(`  ${s} ${m}`));
    recompute.push(await benchRecompute(db, s));
    log(`recompute ${s}: ${recompute.at(-1)!.recomputeSec.toFixed(3)} s, ${recompute.at(-1)!.ratio.toFixed(2)}× the bare GROUP BY`);
    await db.destroy();
    dashboardDb = file;
  }

  log(`dashboard: ${size} data, 50 connections…`);
  const dashboard = await benchDashboard(dashboardDb, { team: 1, agent: sizedAgentCode(size, 1) }, { connections: 50, durationSec: Number(values.duration) });
  for (const p of dashboard.pages) log(`  ${p.page}: ${p.requestsPerSec.toFixed(0)} req/s (${p.ratio.toFixed(2)}× static), p95 ${p.p95Ms} ms`);

  const postgres = await benchPostgres(size, workDir, log, size === "L" ? 2 : 1);
  if (postgres.skipped) log(`postgres rows skipped: ${postgres.reason}`);

  const bundle = measureAgentPageBundle();
  log(`agent page JS: ${bundle.gzipKb.toFixed(1)} kB gzip`);

  const markdown =
    benchmarksMarkdown({ import: importResult, recompute, dashboard, bundle, totalSec: (performance.now() - started) / 1000 }) + "\n" + postgresMarkdown(postgres);
  writeFileSync(values.out!, markdown);
  process.stdout.write(markdown);
} finally {
  rmSync(workDir, { recursive: true, force: true });
}
