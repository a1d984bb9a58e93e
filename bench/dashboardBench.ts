import autocannon from "autocannon";
import { DEMO_HR_EMAIL, DEMO_PASSWORD } from "@starboard/core";
import { type RunningServer, signInCookie, startServer } from "./server.ts";

export interface PageBenchResult {
  page: string;
  path: string;
  requestsPerSec: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  /** Requests/s relative to the static file served by the same server. */
  ratio: number;
  errors: number;
}

export interface DashboardBenchResult {
  connections: number;
  durationSec: number;
  /** The baseline: the mean of the static file's runs before and after the pages. */
  staticFile: PageBenchResult;
  /** The static file's two runs (before / after), to show how much the machine drifted. */
  staticRuns: [PageBenchResult, PageBenchResult];
  /** With the page cache (the production configuration). */
  pages: PageBenchResult[];
  /** For reference: the same pages with the page cache off (every request rendered). */
  uncachedPages: PageBenchResult[];
  /** What the server answered in X-Page-Cache for each page after the warm-up request. */
  cacheStatusAfterWarmup: Record<string, string | null>;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

async function hammer(url: string, cookie: string | null, connections: number, durationSec: number) {
  const latencies: number[] = [];
  let errors = 0;
  const instance = autocannon({ url, connections, duration: durationSec, headers: cookie ? { cookie } : {} });
  instance.on("response", (_client: unknown, statusCode: number, _bytes: number, responseTimeMs: number) => {
    latencies.push(responseTimeMs);
    if (statusCode !== 200) errors++;
  });
  const result = await instance;
  latencies.sort((a, b) => a - b);
  return {
    requestsPerSec: result.requests.average,
    p50Ms: percentile(latencies, 50),
    p95Ms: percentile(latencies, 95),
    p99Ms: percentile(latencies, 99),
    errors: errors + result.errors + result.timeouts,
  };
}

/**
 * Dashboard: HR overview, a team page and an agent page of the production build, under
 * autocannon, each compared with a static file from the same server (the baseline, run
 * before and after the pages; their mean is the baseline). A request that is not 200 counts
 * as an error (the session must work for every request). The pages are measured with the
 * page cache (the production configuration) and, for reference, with it off.
 */
export async function benchDashboard(
  dbPath: string,
  pages: { team: number; agent: string },
  options: { connections: number; durationSec: number },
): Promise<DashboardBenchResult> {
  const targets = [
    { page: "HR overview", path: "/hr" },
    { page: "Team page", path: `/teams/${pages.team}` },
    { page: "Agent page", path: `/agents/${pages.agent}` },
  ];
  const { connections, durationSec } = options;

  // For reference first: the pages with the page cache off (STARBOARD_PAGE_CACHE_MB=0).
  const uncachedPages: PageBenchResult[] = [];
  const uncached = await startServer(dbPath, { STARBOARD_PAGE_CACHE_MB: "0" });
  try {
    const cookie = await signInCookie(uncached.baseURL, DEMO_HR_EMAIL, DEMO_PASSWORD);
    for (const t of targets) await fetch(uncached.baseURL + t.path, { headers: { cookie } });
    for (const t of targets) uncachedPages.push({ ...t, ...(await hammer(uncached.baseURL + t.path, cookie, connections, durationSec)), ratio: NaN });
  } finally {
    await uncached.stop();
  }

  const server: RunningServer = await startServer(dbPath);
  try {
    const cookie = await signInCookie(server.baseURL, DEMO_HR_EMAIL, DEMO_PASSWORD);
    // Warm up once (lazy DB open, JIT, and the page cache: a first view renders the page).
    const cacheStatusAfterWarmup: Record<string, string | null> = {};
    for (const t of targets) await fetch(server.baseURL + t.path, { headers: { cookie } });
    for (const t of targets) cacheStatusAfterWarmup[t.path] = (await fetch(server.baseURL + t.path, { headers: { cookie } })).headers.get("X-Page-Cache");
    const staticFile = async () =>
      ({ page: "Static file (baseline)", path: "/favicon.svg", ...(await hammer(`${server.baseURL}/favicon.svg`, null, connections, durationSec)), ratio: 1 }) satisfies PageBenchResult;
    const before = await staticFile();
    const results: PageBenchResult[] = [];
    for (const t of targets) results.push({ ...t, ...(await hammer(server.baseURL + t.path, cookie, connections, durationSec)), ratio: NaN });
    const after = await staticFile();
    const baseline: PageBenchResult = {
      ...before,
      requestsPerSec: (before.requestsPerSec + after.requestsPerSec) / 2,
      p50Ms: Math.max(before.p50Ms, after.p50Ms),
      p95Ms: Math.max(before.p95Ms, after.p95Ms),
      p99Ms: Math.max(before.p99Ms, after.p99Ms),
      errors: before.errors + after.errors,
    };
    const withRatio = (p: PageBenchResult) => ({ ...p, ratio: p.requestsPerSec / baseline.requestsPerSec });
    return {
      connections,
      durationSec,
      staticFile: baseline,
      staticRuns: [before, after],
      pages: results.map(withRatio),
      uncachedPages: uncachedPages.map(withRatio),
      cacheStatusAfterWarmup,
    };
  } finally {
    await server.stop();
  }
}
