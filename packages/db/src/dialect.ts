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

/**
 * Whether `error` is a unique-constraint violation, on either engine (SQLite:
 * SQLITE_CONSTRAINT_UNIQUE / _PRIMARYKEY; Postgres: SQLSTATE 23505). Callers that turn a
 * duplicate into a friendly message test it here instead of matching driver messages.
 */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY" || code === "23505";
}
