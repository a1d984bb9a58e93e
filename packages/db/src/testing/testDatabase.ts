import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Db, openDatabase } from "../database.ts";
import type { Engine } from "../dialect.ts";
import type { DatabaseTarget } from "../target.ts";
import { createDatabaseFromTemplate } from "./postgresTestCluster.ts";

/**
 * The engine the db, core and CLI test suites run against. `npm test` runs them once on
 * SQLite and, when TEST_DATABASE_URL is set, once more on Postgres (the Vitest projects
 * named *-pg set STARBOARD_TEST_ENGINE=postgres).
 */
export function testEngine(): Engine {
  return process.env.STARBOARD_TEST_ENGINE === "postgres" ? "postgres" : "sqlite";
}

function testClusterUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error("STARBOARD_TEST_ENGINE=postgres needs TEST_DATABASE_URL (postgres://…)");
  return url;
}

/**
 * A fresh, empty, migrated database for one test: in-memory SQLite, or on Postgres a new
 * database copied from the migrated template.
 */
export async function openTestDatabase(options: { onQuery?: (sql: string, parameters: readonly unknown[], ms: number) => void } = {}): Promise<Db> {
  if (testEngine() === "sqlite") return openDatabase(":memory:", options);
  const url = await createDatabaseFromTemplate(testClusterUrl());
  return openDatabase(url, { ...options, poolSize: 4, idleTimeoutMs: 1_000 });
}

export interface TestDatabaseTarget {
  target: DatabaseTarget;
  /** The environment a child process (the CLI, a web server) needs to open this database. */
  env: { STARBOARD_DB: string } | { DATABASE_URL: string };
  /** Opens (and migrates) it in this process. */
  open(): Promise<Db>;
}

/**
 * A fresh database that child processes can share with the test: a SQLite file in a new
 * temporary directory (or at `sqliteFile`), or a new Postgres database.
 */
export async function createTestDatabaseTarget(sqliteFile?: string): Promise<TestDatabaseTarget> {
  if (testEngine() === "sqlite") {
    const file = sqliteFile ?? join(mkdtempSync(join(tmpdir(), "starboard-test-")), "starboard.db");
    return { target: { engine: "sqlite", file }, env: { STARBOARD_DB: file }, open: () => openDatabase(file) };
  }
  const url = await createDatabaseFromTemplate(testClusterUrl());
  return {
    target: { engine: "postgres", url },
    env: { DATABASE_URL: url },
    open: () => openDatabase(url, { poolSize: 4, idleTimeoutMs: 1_000 }),
  };
}
