import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { measureAgentPageBundle } from "../../bench/bundleBench.ts";
import { benchDashboard } from "../../bench/dashboardBench.ts";
import { benchImport } from "../../bench/importBench.ts";
import { benchRecompute, quarterDatabase } from "../../bench/recomputeBench.ts";
import { TARGETS, benchmarksMarkdown } from "../../bench/report.ts";

/**
 * A smoke run of `npm run bench` on S data with tiny durations: every stage runs for real
 * (CSV import vs raw insert, scoring vs bare GROUP BY, the production server under
 * autocannon, the bundle from the build manifest) and the report is written. Timings on a
 * shared test machine are not asserted — only that each stage measured what it claims.
 */
const workDir = mkdtempSync(join(tmpdir(), "starboard-bench-smoke-"));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

it("runs the whole benchmark pipeline on S data", { timeout: 120_000 }, async () => {
  const imported = await benchImport("S", workDir);
  expect(imported.rows).toBeGreaterThan(25_000); // 100 agents × 3 channels × 92 days, a few missing
  expect(imported.importRowsPerSec).toBeGreaterThan(0);
  expect(imported.ratio).toBeCloseTo(imported.baselineSec / imported.importSec, 9);

  const { db, file } = await quarterDatabase("S", workDir);
  const recompute = await benchRecompute(db, "S", 1);
  await db.destroy();
  expect(recompute.agents).toBe(100);
  expect(recompute.baselineSec).toBeGreaterThan(0);

  const dashboard = await benchDashboard(file, { team: 1, agent: "S00001" }, { connections: 5, durationSec: 1 });
  expect(dashboard.staticFile.requestsPerSec).toBeGreaterThan(0);
  for (const page of dashboard.pages) {
    expect(page.requestsPerSec, page.page).toBeGreaterThan(0);
    expect(page.errors, `${page.page}: every request must be a signed-in 200`).toBe(0);
  }
  // The page cache is on in the measured server (a repeated view is a hit) and off in the reference one.
  expect(Object.values(dashboard.cacheStatusAfterWarmup)).toEqual(["hit", "hit", "hit"]);
  expect(dashboard.uncachedPages.map((p) => p.errors)).toEqual([0, 0, 0]);

  const bundle = measureAgentPageBundle();
  expect(bundle.files).toBeGreaterThan(2);
  expect(bundle.gzipKb).toBeLessThan(TARGETS.agentPageGzipKbMax);

  const markdown = benchmarksMarkdown({ import: imported, recompute: [recompute], dashboard, bundle, totalSec: 1 });
  expect(markdown).toContain("| Import, one quarter of S");
  expect(markdown).toContain("| Dashboard: Agent page (`/agents/S00001`)");
  expect(markdown).toMatch(/Node v\d+/);
});
