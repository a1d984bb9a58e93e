import { type DatabaseTarget, knownMigrationNames } from "@starboard/db";
import { createTestDatabaseTarget } from "@starboard/db/testing";
import { sql } from "kysely";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliRun, runStarboard } from "./helpers/runStarboard.ts";
import { type CliTestDatabase, createCliTestDatabase, onPostgres } from "./helpers/testDatabase.ts";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "starboard-db-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function starboard(env: NodeJS.ProcessEnv, ...args: string[]): Promise<CliRun> {
  return runStarboard(args, { cwd: dir, env });
}
const UNREACHABLE = "postgres://postgres@127.0.0.1:1/nowhere";
function urlOf(database: { target: DatabaseTarget }): string {
  if (database.target.engine !== "postgres") throw new Error("a Postgres test database was expected");
  return database.target.url;
}

describe("starboard db migrate", () => {
  it("migrates an empty database, listing each migration, then says it is up to date", async () => {
    const database = await createCliTestDatabase(join(dir, "empty.db"));
    if (onPostgres()) {
      // A test database comes migrated; empty it to what a new Postgres database looks like.
      await database.use(async (db) => {
        await sql`DROP SCHEMA public CASCADE`.execute(db);
        await sql`CREATE SCHEMA public`.execute(db);
      });
    }
    const names = knownMigrationNames();
    const first = await starboard(database.childEnv(), "db", "migrate");
    expect(first).toEqual({
      status: 0,
      stdout: `${names.map((n) => `applied ${n}\n`).join("")}${database.label} is now at the latest schema: ${names.length} of ${names.length} migrations ran\n`,
      stderr: "",
    });
    expect(await starboard(database.childEnv(), "db", "migrate")).toEqual({
      status: 0,
      stdout: `${database.label} is up to date (${names.length} migrations; none to run)\n`,
      stderr: "",
    });
    expect(Object.keys(await database.snapshot())).toEqual(expect.arrayContaining(["agents", "quarter_results", "audit_log"]));
  });

  it("exits 1 with the reason when the database cannot be reached, never a stack trace", async () => {
    const result = await starboard({ ...process.env, DATABASE_URL: UNREACHABLE }, "db", "migrate");
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^starboard db migrate: postgres:\/\/postgres@127\.0\.0\.1:1\/nowhere: database migration failed: .*ECONNREFUSED/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

describe("starboard db copy: refusals before anything is written", () => {
  const env = () => ({ ...process.env, DATABASE_URL: "", STARBOARD_DB: join(dir, "unused.db") });

  it("needs both --from and --to (exit 2)", async () => {
    const result = await starboard(env(), "db", "copy", "--from", "a.db");
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("required option '--to <target>' not specified");
  });

  it("refuses two SQLite files, a missing source and a bad URL (exit 1)", async () => {
    expect(await starboard(env(), "db", "copy", "--from", "a.db", "--to", "b.db")).toEqual({
      status: 1,
      stdout: "",
      stderr: "starboard db copy: refused — both sides are SQLite files; copy between engines only (for a copy of a SQLite database use starboard backup)\n",
    });
    expect(await starboard(env(), "db", "copy", "--from", "missing.db", "--to", UNREACHABLE)).toEqual({
      status: 1,
      stdout: "",
      stderr: `starboard db copy: refused — there is no database at ${join(dir, "missing.db")}\n`,
    });
    const badUrl = await starboard(env(), "db", "copy", "--from", "a.db", "--to", "postgres://exa mple/x");
    expect(badUrl.status).toBe(1);
    expect(badUrl.stderr).toMatch(/^starboard db copy: invalid database URL: /);
  });
});

interface CopyJson {
  from: string;
  to: string;
  ok: boolean;
  tables: Array<{ table: string; source: number; target: number }>;
  checksum: Record<"source" | "target", { quarterResults: number; metricResults: number; sha256: string }>;
}

/** Copying needs a Postgres server: these run in the cli-pg project. */
describe.runIf(onPostgres())("starboard db copy --from <sqlite file> --to <postgres url>", () => {
  let demoFile: string;
  const sqliteEnv = () => {
    const env: NodeJS.ProcessEnv = { ...process.env, STARBOARD_DB: demoFile };
    delete env.DATABASE_URL;
    return env;
  };

  beforeAll(async () => {
    demoFile = join(dir, "demo.db");
    expect((await starboard(sqliteEnv(), "demo")).status).toBe(0);
  }, 120_000);

  it("--json: every table with equal counts and the same results checksum on both sides; a second copy is refused", async () => {
    const target = await createCliTestDatabase();
    const result = await starboard(sqliteEnv(), "db", "copy", "--from", demoFile, "--to", urlOf(target), "--json");
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const json = JSON.parse(result.stdout) as CopyJson;
    expect(Object.keys(json)).toEqual(["from", "to", "ok", "tables", "checksum"]);
    expect(json).toMatchObject({ from: demoFile, to: target.label, ok: true });
    for (const t of json.tables) {
      expect(Object.keys(t)).toEqual(["table", "source", "target"]);
      expect(t.target, t.table).toBe(t.source);
    }
    const counts = Object.fromEntries(json.tables.map((t) => [t.table, t.target]));
    expect(counts).toMatchObject({ teams: 6, agents: 60, users: 64, interaction_daily: 30_300 });
    expect(Object.keys(counts).sort()).toEqual(Object.keys(await target.snapshot()));
    expect(json.checksum.target).toEqual(json.checksum.source);
    expect(json.checksum.source.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(json.checksum.source.quarterResults).toBe(counts.quarter_results);

    const again = await starboard(sqliteEnv(), "db", "copy", "--from", demoFile, "--to", urlOf(target));
    expect(again.status).toBe(1);
    expect(again.stdout).toBe("");
    expect(again.stderr).toMatch(
      new RegExp(`^starboard db copy: refused — ${target.label.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")} already holds data: .* Copy only into a new, empty database; nothing was written\n$`),
    );
  });

  it("prints a per-table table and the checksum; the copied installation then works through the CLI", async () => {
    const target = await createTestDatabaseTarget();
    const url = urlOf(target);
    const result = await starboard(sqliteEnv(), "db", "copy", "--from", demoFile, "--to", url);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(new RegExp(`^Copied ${demoFile.replace(/[.]/g, "\\.")} to postgres://.+ in \\d+\\.\\d s$`));
    expect(lines[2]).toMatch(/^table\s+source\s+target$/);
    expect(result.stdout).toMatch(/^interaction_daily\s+30,300\s+30,300$/m);
    expect(result.stdout).toMatch(/^agents\s+60\s+60$/m);
    expect(result.stdout).not.toContain("DIFFERS");
    const sums = [...result.stdout.matchAll(/^ {2}(source|target) {2}([0-9a-f]{64})$/gm)].map((m) => m[2]);
    expect(sums).toHaveLength(2);
    expect(sums[0]).toBe(sums[1]);
    expect(lines.at(-1)).toBe("OK: every table's row count and the results checksum match.");

    // The same answers from the copy as from the original …
    const pgEnv = { ...process.env, DATABASE_URL: url };
    const fromSqlite = await starboard(sqliteEnv(), "awards", "2026-Q3", "--json");
    const fromPostgres = await starboard(pgEnv, "awards", "2026-Q3", "--json");
    expect(fromPostgres).toEqual(fromSqlite);
    expect(fromPostgres.status).toBe(0);
    // … and new rows get new ids (the identity sequences continue after the copied ids).
    writeFileSync(join(dir, "new-agent.csv"), "agent_code,name,team,email,hire_date\nAG061,Neu Zugang,Night Shift,,2026-10-01\n");
    expect(await starboard(pgEnv, "import", "agents", "new-agent.csv")).toEqual({
      status: 0,
      stdout: "new-agent.csv: 1 row — 1 added, 0 replaced, 0 unchanged\n",
      stderr: "",
    });
    const scored = await starboard(pgEnv, "score", "2026-Q4", "--json");
    expect(scored.status).toBe(0);
    expect((JSON.parse(scored.stdout) as { agents: Array<{ agentCode: string }> }).agents.map((a) => a.agentCode)).toContain("AG061");
  });
});
