import type SQLite from "better-sqlite3";
import type { Kysely } from "kysely";
import { engineOf } from "../dialect.ts";
import { rawSqliteOf } from "./rawSqlite.ts";

/**
 * A "data version" of a SQLite database, derived from the database itself: it changes
 * whenever any row that a page could show may have changed, whoever wrote it.
 *
 * - Commits by OTHER connections (the CLI, another server process, a worker thread):
 *   `PRAGMA data_version`, which SQLite changes for exactly that.
 * - Writes on THIS connection: TEMP triggers (AFTER INSERT / UPDATE / DELETE, on every table)
 *   call a JavaScript function that increments a counter. The counter only ever goes up,
 *   so a write inside a transaction that is later rolled back still changes the version
 *   (conservative: it can only cause a miss, never a stale hit).
 * - Schema changes: `PRAGMA schema_version`; the triggers are re-created for new tables.
 *
 * Writes that GET requests make and that no cached page shows do NOT change the version,
 * otherwise every page view would invalidate every page:
 * - the `sessions` table (sign-in sessions; the session is re-checked on every request), and
 * - audit rows with action `personal_results.view` (the privacy log of who viewed whose
 *   results, shown only on the uncached audit pages). These are reported through
 *   `onIgnoredWrite` so a cache can verify that it repeats every one of them on a hit.
 */
export interface DataVersionWatch {
  /**
   * The current version, or null while a transaction is open on this connection (the
   * connection may be seeing uncommitted rows: nothing may be cached or served then).
   */
  current(): string | null;
  /** Called synchronously, inside the statement, for each write that does not change the version. */
  onIgnoredWrite: ((table: string) => void) | null;
}

/** Tables whose writes never change the version (see above). */
export const VERSION_IGNORED_TABLES: readonly string[] = ["sessions"];
/** Audit actions whose rows never change the version (see above). */
export const VERSION_IGNORED_AUDIT_ACTIONS: readonly string[] = ["personal_results.view"];

const watches = new WeakMap<SQLite.Database, DataVersionWatch>();

/**
 * Starts (once per connection) watching `db`'s data version. Null when `db` is not SQLite
 * (e.g. Postgres): callers then treat every request as uncacheable.
 */
export function watchDataVersion(db: Kysely<any>): DataVersionWatch | null {
  if (engineOf(db) !== "sqlite") return null;
  const raw = rawSqliteOf(db);
  if (!raw) return null;
  const sqlite: SQLite.Database = raw;
  const existing = watches.get(sqlite);
  if (existing) return existing;

  let localWrites = 0;
  const watch: DataVersionWatch = {
    onIgnoredWrite: null,
    current() {
      if (sqlite.inTransaction) return null;
      const schemaVersion = schemaVersionStmt.get() as number;
      if (schemaVersion !== installedSchemaVersion) {
        installTriggers();
        localWrites++;
      }
      return `${dataVersionStmt.get() as number}.${localWrites}`;
    },
  };
  sqlite.function("starboard_data_changed", { deterministic: false, varargs: false }, () => {
    localWrites++;
    return null;
  });
  sqlite.function("starboard_ignored_write", { deterministic: false }, (table: unknown) => {
    watch.onIgnoredWrite?.(String(table));
    return null;
  });
  const dataVersionStmt = sqlite.prepare("PRAGMA data_version").pluck();
  const schemaVersionStmt = sqlite.prepare("PRAGMA schema_version").pluck();
  let installedSchemaVersion = -1;

  function installTriggers() {
    const tables = sqlite
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .pluck()
      .all() as string[];
    for (const table of tables) {
      const quoted = `"${table.replaceAll('"', '""')}"`;
      for (const event of ["INSERT", "UPDATE", "DELETE"] as const) {
        const trigger = `"starboard_dv_${table.replaceAll('"', '""')}_${event.toLowerCase()}"`;
        if (VERSION_IGNORED_TABLES.includes(table)) {
          sqlite.exec(`CREATE TEMP TRIGGER IF NOT EXISTS ${trigger} AFTER ${event} ON main.${quoted} BEGIN SELECT starboard_ignored_write('${table}'); END`);
        } else if (table === "audit_log" && event === "INSERT") {
          const ignored = VERSION_IGNORED_AUDIT_ACTIONS.map((a) => `'${a.replaceAll("'", "''")}'`).join(", ");
          sqlite.exec(
            `CREATE TEMP TRIGGER IF NOT EXISTS ${trigger} AFTER INSERT ON main.${quoted} BEGIN ` +
              `SELECT CASE WHEN NEW.action IN (${ignored}) THEN starboard_ignored_write('audit_log') ELSE starboard_data_changed() END; END`,
          );
        } else {
          sqlite.exec(`CREATE TEMP TRIGGER IF NOT EXISTS ${trigger} AFTER ${event} ON main.${quoted} BEGIN SELECT starboard_data_changed(); END`);
        }
      }
    }
    installedSchemaVersion = schemaVersionStmt.get() as number;
  }

  installTriggers();
  watches.set(sqlite, watch);
  return watch;
}
