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
  staticFile: PageBenchResult;
  pages: PageBenchResult[];
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
 * autocannon, each compared with a static file from the same server (the baseline). A
 * request that is not 200 counts as an error (the session must work for every request).
 */
export async function benchDashboard(
  dbPath: string,
  pages: { team: number; agent: string },
  options: { connections: number; durationSec: number },
): Promise<DashboardBenchResult> {
  const server: RunningServer = await startServer(dbPath);
  try {
    const cookie = await signInCookie(server.baseURL, DEMO_HR_EMAIL, DEMO_PASSWORD);
    const targets = [
      { page: "HR overview", path: "/hr" },
      { page: "Team page", path: `/teams/${pages.team}` },
      { page: "Agent page", path: `/agents/${pages.agent}` },
    ];
    // Warm up once (lazy DB open, JIT).
    for (const t of targets) await fetch(server.baseURL + t.path, { headers: { cookie } });
    const staticRun = await hammer(`${server.baseURL}/favicon.svg`, null, options.connections, options.durationSec);
    const staticFile: PageBenchResult = { page: "Static file (baseline)", path: "/favicon.svg", ...staticRun, ratio: 1 };
    const results: PageBenchResult[] = [];
    for (const t of targets) {
      const run = await hammer(server.baseURL + t.path, cookie, options.connections, options.durationSec);
      results.push({ ...t, ...run, ratio: run.requestsPerSec / staticRun.requestsPerSec });
    }
    return { connections: options.connections, durationSec: options.durationSec, staticFile, pages: results };
  } finally {
    await server.stop();
  }
}
