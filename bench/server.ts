import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = resolve(fileURLToPath(new URL("..", import.meta.url)));
export const SERVER_ENTRY = join(ROOT, "apps/web/build/server/index.js");
/** The production server: remix-serve's stack plus the dashboard page cache (docs/decisions/063). */
const WEB_SERVER = join(ROOT, "apps/web/server.mjs");

export interface RunningServer {
  baseURL: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolvePort(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** Serves the production build (apps/web/server.mjs, NODE_ENV=production) against `dbPath`. */
export async function startServer(dbPath: string, extraEnv: Record<string, string> = {}): Promise<RunningServer> {
  if (!existsSync(SERVER_ENTRY)) throw new Error(`no production build at ${SERVER_ENTRY}: run \`npm run build\` first`);
  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  // node + the script directly (not npx), so the pid we hold is the server itself.
  const child: ChildProcess = spawn(process.execPath, [WEB_SERVER, SERVER_ENTRY], {
    cwd: join(ROOT, "apps/web"),
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1", STARBOARD_DB: dbPath, ...extraEnv },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited: ${stderr}`);
    try {
      if ((await fetch(`${baseURL}/login`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGTERM");
      throw new Error(`server did not answer within 30 s: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    baseURL,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        child.once("exit", () => done());
        child.kill("SIGTERM");
      }),
  };
}

/** Signs in through the real login form; returns the session cookie ("name=value"). */
export async function signInCookie(baseURL: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${baseURL}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: baseURL },
    body: new URLSearchParams({ email, password }).toString(),
  });
  const setCookie = response.headers.get("set-cookie");
  if (response.status !== 302 || !setCookie) throw new Error(`sign-in failed with status ${response.status}`);
  return setCookie.split(";")[0]!;
}
