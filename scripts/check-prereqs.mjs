#!/usr/bin/env node
// Fails early, with what to install, when a prerequisite of `npm start` / `npm test` is missing.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";

const purpose = process.argv[2] ?? "start";
const problems = [];

const [major] = process.versions.node.split(".").map(Number);
if (major < 20) problems.push(`Node.js 20 or newer is required (found ${process.version}). Install Node 20 LTS.`);

const require = createRequire(import.meta.url);
try {
  const Database = require("better-sqlite3");
  new Database(":memory:").close();
} catch (error) {
  problems.push(
    "better-sqlite3 is not built. It compiles from source during `npm install` and needs a C++ toolchain:\n" +
      "    Debian/Ubuntu: apt-get install -y python3 make g++   then run `npm install` again.\n" +
      `    (${String(error?.message ?? error).split("\n")[0]})`,
  );
}

if (purpose === "test") {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].filter(Boolean);
  if (!candidates.some((p) => existsSync(p))) {
    problems.push(
      "The end-to-end tests need Chromium or Chrome. Install it (Debian/Ubuntu: apt-get install -y chromium)\n" +
        "    or set CHROMIUM_PATH to its executable.",
    );
  }
}

if (problems.length > 0) {
  process.stderr.write(`\nStarboard cannot ${purpose === "test" ? "run its tests" : "start"} yet:\n\n`);
  for (const p of problems) process.stderr.write(`  • ${p}\n`);
  process.stderr.write("\n");
  process.exit(1);
}
