#!/usr/bin/env node
// `npm start`: migrate, load the demo data into an empty database, serve the production build.
import { spawn, spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(fileURLToPath(import.meta.url), "../..");
const bin = (name) => resolve(root, "node_modules/.bin", name);
const env = {
  ...process.env,
  NODE_ENV: "production",
  STARBOARD_DB: resolve(process.env.STARBOARD_DB ?? resolve(root, "data/starboard.db")),
  PORT: process.env.PORT ?? "3000",
};

// Loads the demo data only when the database has no agents yet; always prints the demo logins.
const demo = spawnSync(bin("starboard"), ["demo", "--if-empty"], { env, stdio: "inherit", cwd: root });
if (demo.status !== 0) process.exit(demo.status ?? 1);

// The production server (remix-serve's stack plus the dashboard page cache) resolves the
// client assets (build/client) relative to its working directory.
const server = spawn(process.execPath, ["server.mjs", "build/server/index.js"], { env, stdio: "inherit", cwd: resolve(root, "apps/web") });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
