import { type Db, findUserByEmail, openDatabase } from "@starboard/db";
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { withAdminClient } from "@starboard/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * Several web processes behind a load balancer must behave as one: sessions, sign-in
 * throttling counters and locks live in the database, never in a process's memory. Two
 * production servers (remix-serve on the built app) share one fresh Postgres database with
 * the demo data; a request may land on either.
 *
 * Runs only when TEST_DATABASE_URL points at a Postgres cluster the tests may create
 * databases in: several processes on one SQLite file is not the scale-out setup (SQLite
 * serves one machine), and without a cluster there is nothing to share. `npm test` builds the
 * app first; running this file alone needs `npm run build`.
 */

const ROOT = resolve(fileURLToPath(new URL("../../..", import.meta.url)));
const SERVER_ENTRY = join(ROOT, "apps/web/build/server/index.js");
const REMIX_SERVE = join(ROOT, "node_modules/.bin/remix-serve");
const STARBOARD_CLI = join(ROOT, "node_modules/.bin/starboard");
const clusterUrl = process.env.TEST_DATABASE_URL;

const DEMO_PASSWORD = "starboard-demo";
/** The same secret on every process, as a real deployment must configure it. */
const SESSION_SECRET = "stateless-web-tier-test-secret";

interface Server {
  baseURL: string;
  child: ChildProcess;
  stderr: () => string;
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      srv.close(() => resolvePort(typeof address === "object" && address ? address.port : 0));
    });
  });
}

async function startServer(databaseUrl: string): Promise<Server> {
  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  // node + the script directly (not npx), so the pid held is the server itself.
  const { STARBOARD_DB: _sqliteFile, ...inherited } = process.env; // DATABASE_URL decides; no SQLite file in play
  const child = spawn(process.execPath, [REMIX_SERVE, SERVER_ENTRY], {
    cwd: join(ROOT, "apps/web"),
    env: { ...inherited, NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1", DATABASE_URL: databaseUrl, SESSION_SECRET },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early: ${stderr}`);
    try {
      if ((await fetch(`${baseURL}/login`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGTERM");
      throw new Error(`server did not answer within 30 s: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  return { baseURL, child, stderr: () => stderr };
}

function stop(server: Server | undefined): Promise<void> {
  const child = server?.child;
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const force = setTimeout(() => child.kill("SIGKILL"), 5_000);
    child.once("exit", () => {
      clearTimeout(force);
      done();
    });
    child.kill("SIGTERM");
  });
}

/** POSTs the real login form (same-origin, as a browser would); returns the response. */
function postLogin(server: Server, email: string, password: string, cookie?: string): Promise<Response> {
  return fetch(`${server.baseURL}/login`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      Origin: server.baseURL,
      ...(cookie ? { Cookie: cookie } : {}),
    },
    body: new URLSearchParams({ email, password }).toString(),
  });
}

const get = (server: Server, path: string, cookie: string) => fetch(`${server.baseURL}${path}`, { redirect: "manual", headers: { Cookie: cookie } });

describe.skipIf(!clusterUrl)("two web processes on one Postgres database (stateless web tier)", () => {
  let databaseName: string;
  let databaseUrl: string;
  let a: Server | undefined;
  let b: Server | undefined;
  let db: Db | undefined;

  beforeAll(async () => {
    if (!existsSync(SERVER_ENTRY)) throw new Error(`no production build at ${SERVER_ENTRY}: run \`npm run build\` (npm test builds first)`);
    const tag = process.env.STARBOARD_TEST_DB_TAG ?? "run";
    databaseName = `sbt_${tag}_web_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    await withAdminClient(clusterUrl!, (c) => c.query(`CREATE DATABASE "${databaseName}"`));
    const url = new URL(clusterUrl!);
    url.pathname = `/${databaseName}`;
    databaseUrl = url.toString();
    const demo = spawnSync(STARBOARD_CLI, ["demo"], { cwd: ROOT, env: { ...process.env, DATABASE_URL: databaseUrl }, encoding: "utf8", timeout: 180_000 });
    if (demo.status !== 0) throw new Error(`starboard demo failed (${demo.status}):\n${demo.stderr}\n${demo.stdout}`);
    [a, b] = await Promise.all([startServer(databaseUrl), startServer(databaseUrl)]);
    db = await openDatabase(databaseUrl, { poolSize: 2 });
  }, 240_000);

  afterAll(async () => {
    await Promise.all([stop(a), stop(b)]);
    await db?.destroy();
    if (databaseName) await withAdminClient(clusterUrl!, (c) => c.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`));
  }, 60_000);

  it("a session made by server A works on server B; signing out on B ends it on A too", async () => {
    const email = "ag003@starboard.test";
    const agent = await findUserByEmail(db!, email);
    expect(agent?.name).toBeTruthy();

    const signIn = await postLogin(a!, email, DEMO_PASSWORD);
    expect(signIn.status).toBe(302);
    const cookie = signIn.headers.get("set-cookie")?.split(";")[0] ?? "";
    expect(cookie).toMatch(/^starboard_session=/);

    // Server B never saw this sign-in; it finds the session in the database.
    const page = await get(b!, "/me", cookie);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(agent!.name);
    expect(html).toContain("AG003");
    // And without the cookie B sends the visitor to sign in: the page above was the session's doing.
    const anonymous = await fetch(`${b!.baseURL}/me`, { redirect: "manual" });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toMatch(/^\/login/);

    const signOut = await fetch(`${b!.baseURL}/logout`, { method: "POST", redirect: "manual", headers: { Cookie: cookie, Origin: b!.baseURL } });
    expect(signOut.status).toBe(302);
    expect(signOut.headers.get("location")).toBe("/login");

    const afterSignOut = await get(a!, "/me", cookie);
    expect(afterSignOut.status).toBe(302);
    expect(afterSignOut.headers.get("location")).toMatch(/^\/login/);
  });

  it("sign-in throttling counts failures made on both servers together", async () => {
    const email = "manager2@starboard.test";
    const wrong = "not-the-password";
    // 10 failures within 15 minutes block the account: 5 on A, then 4 on B, then the 10th on A.
    for (let i = 0; i < 5; i++) expect((await postLogin(a!, email, wrong)).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await postLogin(b!, email, wrong)).status).toBe(200);
    const tenth = await postLogin(a!, email, wrong);
    expect(await tenth.text()).toContain("Email or password is incorrect."); // still checked: 9 failures before it

    // B has itself seen only 4 failures, yet refuses even the right password now.
    const blocked = await postLogin(b!, email, DEMO_PASSWORD);
    expect(blocked.status).toBe(200);
    expect(await blocked.text()).toContain("Too many failed attempts.");
    const failures = await db!.selectFrom("auth_failures").select("id").where("scope", "=", "account").where("subject", "=", email).execute();
    expect(failures).toHaveLength(10);
    // Another account is unaffected, on either server.
    expect((await postLogin(b!, "manager1@starboard.test", DEMO_PASSWORD)).status).toBe(302);
  });

  it("neither server logged an error", () => {
    expect(a!.stderr()).not.toMatch(/error/i);
    expect(b!.stderr()).not.toMatch(/error/i);
  });
});
