import { type Db, describeTarget, listTableNames } from "@starboard/db";
import { createTestDatabaseTarget, testEngine, type TestDatabaseTarget } from "@starboard/db/testing";
import { rmSync } from "node:fs";
import { dirname } from "node:path";

/**
 * The database a CLI test runs the `starboard` child process against: a SQLite file in the
 * `cli` project, a fresh Postgres database in `cli-pg` (see @starboard/db/testing).
 */
export interface CliTestDatabase extends TestDatabaseTarget {
  /** The database as the CLI names it in messages (a file path, or the URL without password). */
  label: string;
  /** The child's environment: this process's, with only this database selected. */
  childEnv(extra?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
  /** Opens it, runs `work`, closes it. */
  use<T>(work: (db: Db) => Promise<T>): Promise<T>;
  /** Every row of every table, each row as JSON, sorted: equal snapshots mean equal data. */
  snapshot(): Promise<Record<string, string[]>>;
  /** Removes the SQLite file's temporary directory (Postgres test databases are dropped after the run). */
  cleanup(): void;
}

export const onPostgres = () => testEngine() === "postgres";

export async function createCliTestDatabase(sqliteFile?: string): Promise<CliTestDatabase> {
  const base = await createTestDatabaseTarget(sqliteFile);
  const use = async <T>(work: (db: Db) => Promise<T>): Promise<T> => {
    const db = await base.open();
    try {
      return await work(db);
    } finally {
      await db.destroy();
    }
  };
  return {
    ...base,
    label: describeTarget(base.target),
    childEnv: (extra = {}) => {
      const env: NodeJS.ProcessEnv = { ...process.env };
      delete env.DATABASE_URL;
      delete env.STARBOARD_DB;
      return { ...env, ...base.env, ...extra };
    },
    use,
    snapshot: () =>
      use(async (db) => {
        const out: Record<string, string[]> = {};
        for (const table of await listTableNames(db)) {
          const rows = await db.selectFrom(table as "teams").selectAll().execute();
          out[table] = rows.map((r) => JSON.stringify(r)).sort();
        }
        return out;
      }),
    cleanup: () => {
      if (base.target.engine === "sqlite" && !sqliteFile) rmSync(dirname(base.target.file), { recursive: true, force: true });
    },
  };
}
