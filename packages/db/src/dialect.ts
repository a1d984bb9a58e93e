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

/**
 * The most bind parameters one statement may carry: Postgres' wire protocol counts them in
 * 16 bits (65,535); SQLite's default SQLITE_MAX_VARIABLE_NUMBER is 32,766 since 3.32.
 */
export function maxBindParameters(engine: Engine): number {
  return engine === "postgres" ? 65_535 : 32_766;
}

/**
 * How many rows of `columnsPerRow` values one multi-row INSERT (or key lookup) may carry on
 * `engine` — every bulk statement that binds one parameter per value chunks by this, so a large
 * batch never hits "bind message has N parameter formats but 0 parameters" (Postgres) or "too
 * many SQL variables" (SQLite).
 */
export function bulkInsertRowsPerStatement(engine: Engine, columnsPerRow: number): number {
  if (!Number.isInteger(columnsPerRow) || columnsPerRow < 1) throw new RangeError("columnsPerRow must be a positive integer");
  return Math.max(1, Math.floor(maxBindParameters(engine) / columnsPerRow));
}
