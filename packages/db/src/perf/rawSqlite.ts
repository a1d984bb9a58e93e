import type SQLite from "better-sqlite3";
import { type Kysely, SqliteAdapter, SqliteDialect, type SqliteDialectConfig } from "kysely";
import { withStatementCache } from "./statementCache.ts";

/**
 * The SQLite adapter that also remembers the better-sqlite3 handle behind it. Kysely hands
 * the same adapter object to every transaction of a database, so `rawSqliteOf(trx)` finds the
 * handle from inside a transaction too; SQLite has one connection, so statements prepared on
 * that handle run inside the open transaction.
 */
class RawHandleSqliteAdapter extends SqliteAdapter {
  constructor(readonly sqlite: SQLite.Database) {
    super();
  }
}

/** Kysely's SqliteDialect, with the adapter above so `rawSqliteOf` can find the handle. */
export class StarboardSqliteDialect extends SqliteDialect {
  readonly #sqlite: SQLite.Database;
  constructor(config: SqliteDialectConfig & { database: SQLite.Database }) {
    super({ ...config, database: withStatementCache(config.database) });
    this.#sqlite = config.database;
  }
  override createAdapter() {
    return new RawHandleSqliteAdapter(this.#sqlite);
  }
}

/** The better-sqlite3 handle of `db`, or undefined when `db` is not a Starboard SQLite database (e.g. Postgres). */
export function rawSqliteOf(db: Kysely<any>): SQLite.Database | undefined {
  const adapter = db.getExecutor().adapter;
  return adapter instanceof RawHandleSqliteAdapter ? adapter.sqlite : undefined;
}
