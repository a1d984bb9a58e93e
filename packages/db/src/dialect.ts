import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter } from "kysely";

/**
 * The dialect seam: every place where SQLite and Postgres truly differ is answered here,
 * once, instead of in callers.
 */
export type Engine = "sqlite" | "postgres";

export function engineOf(db: Kysely<any>): Engine {
  return db.getExecutor().adapter instanceof PostgresAdapter ? "postgres" : "sqlite";
}

/** Auto-increment primary key: SQLite's INTEGER PRIMARY KEY is the rowid; Postgres needs identity. */
export function autoIdColumn(engine: Engine) {
  return (c: ColumnDefinitionBuilder) =>
    engine === "postgres" ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey();
}
