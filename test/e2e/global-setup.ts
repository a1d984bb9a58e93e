import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** e.g. http://127.0.0.1:41234 — the production build served by apps/web/server.mjs. */
    baseURL: string;
    /** Absolute path of the E2E database (demo data loaded). */
    dbPath: string;
  }
}

const ROOT = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const SERVER_ENTRY = join(ROOT, "apps/web/build/server/index.js");
/** The production server (remix-serve's stack plus the dashboard page cache). */
const WEB_SERVER = join(ROOT, "apps/web/server.mjs");
const STARBOARD_CLI = join(ROOT, "node_modules/.bin/starboard");

/**
 * Serves the PRODUCTION build (apps/web/build) against a fresh temp database with the demo
 * data, for the e2e project. `npm test` builds first (`turbo run build`); running vitest alone
 * needs `npm run build` before.
 */
export default async function setup(project: TestProject) {
  if (!existsSync(SERVER_ENTRY)) {
    throw new Error(
      `E2E needs the production build at apps/web/build, but ${SERVER_ENTRY} is missing. ` +
        "Run `npm run build` (or `npm test`, which builds first).",
    );
  }
  const dir = mkdtempSync(join(tmpdir(), "starboard-e2e-"));
  const dbPath = join(dir, "starboard.db");
  await loadDemoData(dbPath);

  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  const logFile = join(dir, "server.log");
  const log = createWriteStream(logFile);
  // Started from node_modules/.bin (not npx) with node directly, so `server.pid` is the server itself.
  // cwd = apps/web: the build names its client assets relative to the app ("build/client").
  const server = spawn(process.execPath, [WEB_SERVER, SERVER_ENTRY], {
    cwd: join(ROOT, "apps/web"),
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1", STARBOARD_DB: dbPath },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout?.pipe(log);
  server.stderr?.pipe(log);
  // If vitest dies without running teardown (Ctrl-C, timeout), don't leave the server behind.
  const killOnExit = () => server.kill("SIGTERM");
  process.once("exit", killOnExit);

  try {
    await waitUntilAnswering(server, `${baseURL}/login`, 30_000);
  } catch (error) {
    await stop(server);
    throw new Error(`${(error as Error).message}\n--- server log ---\n${safeRead(logFile)}`);
  }

  project.provide("baseURL", baseURL);
  project.provide("dbPath", dbPath);

  return async () => {
    process.off("exit", killOnExit);
    await stop(server);
    log.end();
    rmSync(dir, { recursive: true, force: true });
  };
}

async function loadDemoData(dbPath: string) {
  if (!existsSync(STARBOARD_CLI)) {
    throw new Error(`E2E loads the demo data with ${STARBOARD_CLI}, which is missing: run \`npm install\` at the repo root.`);
  }
  const result = spawnSync(STARBOARD_CLI, ["demo"], {
    cwd: ROOT,
    env: { ...process.env, STARBOARD_DB: dbPath },
    encoding: "utf8",
    timeout: 120_000,
  });
  if (result.status !== 0) {
    throw new Error(`\`starboard demo\` failed (status ${result.status}):\n${result.stderr}\n${result.stdout}`);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      const port = typeof address === "object" && address ? address.port : 0;
      srv.close(() => resolvePort(port));
    });
  });
}

async function waitUntilAnswering(server: ChildProcess, url: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the web server exited early with status ${server.exitCode}`);
    try {
      const response = await fetch(url, { redirect: "manual" });
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`the web server did not answer ${url} within ${timeoutMs} ms`);
}

function stop(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const force = setTimeout(() => server.kill("SIGKILL"), 5_000);
    server.once("exit", () => {
      clearTimeout(force);
      done();
    });
    server.kill("SIGTERM");
  });
}

function safeRead(file: string): string {
  try {
    return readFileSync(file, "utf8").slice(-4000);
  } catch {
    return "(no log)";
  }
}
