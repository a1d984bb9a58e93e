import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, expect, it } from "vitest";
import { createCliTestDatabase } from "./helpers/testDatabase.ts";

const BIN = resolve(import.meta.dirname, "../../../node_modules/.bin/starboard");
const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), "starboard-demo-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("starboard demo loads the demo into the configured database, prints the logins, and is a no-op the second time", async () => {
  const database = await createCliTestDatabase(join(dir, "demo.db"));
  const env = database.childEnv();
  const first = await run(BIN, ["demo"], { env });
  expect(first.stderr).toBe("");
  expect(first.stdout.startsWith(`Loaded the demo into ${database.label} in `)).toBe(true);
  expect(first.stdout).toMatch(/^Loaded the demo into .* in [\d.]+ s: 6 teams, 60 agents, 64 users; quarters 2025-Q4, 2026-Q1, 2026-Q2, 2026-Q3 scored and published/);
  expect(first.stdout).toContain("password for all: starboard-demo");
  for (const email of ["hr@starboard.test", "manager1@starboard.test", "manager2@starboard.test", "ag003@starboard.test"]) {
    expect(first.stdout).toContain(email);
  }

  const second = await run(BIN, ["demo"], { env });
  expect(second.stdout).toContain("already loaded");

  const states = await database.use((db) => db.selectFrom("quarters").select(["id", "state"]).orderBy("id").execute());
  expect(states).toEqual(["2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"].map((id) => ({ id, state: "published" })));
});
