import SQLite from "better-sqlite3";
import { Kysely, type MigrationResultSet, Migrator } from "kysely";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { migrations } from "./migrations/index.ts";
import { openPostgres } from "./postgres/openPostgres.ts";
import type { DatabaseTarget } from "./target.ts";
import { StarboardSqliteDialect } from "./perf/rawSqlite.ts";
import { refreshPlannerStatistics, tuneSqliteConnection } from "./perf/sqliteTuning.ts";
import type { Database } from "./tables.ts";

export type Db = Kysely<Database>;

export interface OpenSqliteOptions {
  /** Path of the database file, or ":memory:". */
  file: string;
  /** Called with the SQL of every query Kysely runs (tests count queries per request with it). */
  onQuery?: (sql: string, parameters: readonly unknown[], durationMs: number) => void;
}

/** Opens (creating if needed) the SQLite database with WAL and foreign keys on. */
export function openSqlite({ file, onQuery }: OpenSqliteOptions): Db {
  if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("synchronous = NORMAL");
  // Several processes (web, CLI) may write; wait for the single writer rather than fail.
  sqlite.pragma("busy_timeout = 10000");
  tuneSqliteConnection(sqlite);
  return new Kysely<Database>({
    dialect: new StarboardSqliteDialect({ database: sqlite }),
    ...(onQuery ? { log: (event) => {
          if (event.level === "query") onQuery(event.query.sql, event.query.parameters, event.queryDurationMillis);
        }, } : {}),
  });
}

export class MigrationError extends Error {
  override name = "MigrationError";
}

export async function migrateToLatest(db: Db): Promise<MigrationResultSet> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    throw new MigrationError(`database migration failed: ${String((result.error as Error).message ?? result.error)}`);
  }
  return result;
}

export interface OpenDatabaseOptions {
  onQuery?: OpenSqliteOptions["onQuery"];
  /** Postgres only: connections in the pool. */
  poolSize?: number;
  /** Postgres only: close idle connections after this many ms. */
  idleTimeoutMs?: number;
}

/**
 * Opens the database and brings its schema up to date. `target` is a SQLite file path
 * (or ":memory:"), a `postgres://` URL, or a parsed {@link DatabaseTarget}.
 */
export async function openDatabase(target: string | DatabaseTarget, options: OpenDatabaseOptions = {}): Promise<Db> {
  const resolved: DatabaseTarget =
    typeof target !== "string"
      ? target
      : /^postgres(ql)?:\/\//.test(target)
        ? { engine: "postgres", url: target }
        : { engine: "sqlite", file: target };
  const db =
    resolved.engine === "postgres"
      ? openPostgres({ url: resolved.url, ...options })
      : openSqlite({ file: resolved.file, ...(options.onQuery ? { onQuery: options.onQuery } : {}) });
  try {
    await migrateToLatest(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  refreshPlannerStatistics(db);
  return db;
}
