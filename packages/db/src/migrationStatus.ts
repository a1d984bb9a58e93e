import { type Kysely, sql } from "kysely";
import { type Db, migrateToLatest, openSqlite } from "./database.ts";
import { migrations } from "./migrations/index.ts";
import { openPostgres } from "./postgres/openPostgres.ts";
import type { DatabaseTarget } from "./target.ts";

/** The migrations this version of Starboard ships, in the order they run. */
export function knownMigrationNames(): string[] {
  return Object.keys(migrations).sort();
}

/** Names of the migrations already applied to `db`, or null when it was never migrated. */
export async function appliedMigrationNames(db: Kysely<any>): Promise<string[] | null> {
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  if (!tables.some((t) => t.name === "kysely_migration")) return null;
  const { rows } = await sql<{ name: string }>`SELECT name FROM kysely_migration`.execute(db);
  return rows.map((r) => r.name).sort();
}

/** Opens `target` as it is, without migrating it (openDatabase migrates). */
export function openDatabaseAsIs(target: DatabaseTarget, options: { poolSize?: number } = {}): Db {
  return target.engine === "postgres"
    ? openPostgres({ url: target.url, ...(options.poolSize ? { poolSize: options.poolSize } : {}) })
    : openSqlite({ file: target.file });
}

export interface MigrateReport {
  /** Migrations that ran now, in order; empty when the schema was already up to date. */
  applied: string[];
  /** Migrations the database has now. */
  total: number;
}

/** Brings `target` to the latest schema and says which migrations ran. */
export async function migrateDatabase(target: DatabaseTarget): Promise<MigrateReport> {
  const db = openDatabaseAsIs(target, { poolSize: 1 });
  try {
    const result = await migrateToLatest(db);
    const applied = (result.results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
    return { applied, total: (await appliedMigrationNames(db))?.length ?? 0 };
  } finally {
    await db.destroy();
  }
}
