import { existsSync } from "node:fs";
import { type Kysely, type Transaction, sql } from "kysely";
import { type Db, openDatabase } from "../database.ts";
import { bulkInsertRowsPerStatement, type Engine, engineOf } from "../dialect.ts";
import { appliedMigrationNames, knownMigrationNames, openDatabaseAsIs } from "../migrationStatus.ts";
import type { Database } from "../tables.ts";
import { type DatabaseTarget, describeTarget } from "../target.ts";
import { type ResultsChecksum, resultsChecksum } from "./resultsChecksum.ts";
import { foreignKeySafeOrder, listColumnNames, listForeignKeyEdges, listIdentityColumns, listTableNames, primaryKeyColumns } from "./schemaInfo.ts";

/**
 * `starboard db copy`: moves an installation from one engine to the other (SQLite file →
 * Postgres, or back), then proves the copy by comparing every table's row count and the
 * checksum of the quarter results on both sides. See docs/decisions/071.
 */

export type DatabaseCopyRefusal =
  | "same_engine"
  | "source_missing"
  | "source_unreadable"
  | "source_not_migrated"
  | "source_behind"
  | "source_ahead"
  | "target_not_empty";

/** A copy that was refused before anything was written; `message` says why and what to do. */
export class DatabaseCopyError extends Error {
  override name = "DatabaseCopyError";
  constructor(
    readonly code: DatabaseCopyRefusal,
    message: string,
  ) {
    super(message);
  }
}

export interface TableCount {
  table: string;
  source: number;
  target: number;
}

export interface DatabaseCopyReport {
  from: string;
  to: string;
  /** Every table in foreign-key order, with its row count read back from both sides. */
  tables: TableCount[];
  checksum: { source: ResultsChecksum; target: ResultsChecksum };
  /** Counts and checksum agree: the copy was committed. Otherwise it was rolled back. */
  ok: boolean;
  elapsedMs: number;
}

/** Rows per multi-row INSERT for a table of `columns` columns: the engine's limit, at most 5,000 rows. */
export function rowsPerInsert(engine: Engine, columns: number): number {
  return Math.min(5_000, bulkInsertRowsPerStatement(engine, Math.max(1, columns)));
}

export interface CopyDatabaseOptions {
  /** Called after each table is written (the CLI prints progress with it). */
  onTable?: (table: string, rows: number) => void;
}

export async function copyDatabase(from: DatabaseTarget, to: DatabaseTarget, options: CopyDatabaseOptions = {}): Promise<DatabaseCopyReport> {
  const started = performance.now();
  if (from.engine === to.engine) {
    throw new DatabaseCopyError(
      "same_engine",
      from.engine === "sqlite"
        ? "both sides are SQLite files; copy between engines only (for a copy of a SQLite database use starboard backup)"
        : "both sides are PostgreSQL; copy between engines only (between Postgres servers use pg_dump / pg_restore)",
    );
  }
  if (from.engine === "sqlite" && (from.file === ":memory:" || !existsSync(from.file))) {
    throw new DatabaseCopyError("source_missing", `there is no database at ${from.file}`);
  }
  const source = await openSource(from);
  try {
    await checkSourceSchema(source, from);
    const target = await openDatabase(to, { poolSize: 2 });
    try {
      await checkTargetEmpty(target, to);
      const report = await copyAll(source, target, options);
      return { from: describeTarget(from), to: describeTarget(to), ...report, elapsedMs: Math.round(performance.now() - started) };
    } finally {
      await target.destroy();
    }
  } finally {
    await source.destroy();
  }
}

async function openSource(from: DatabaseTarget): Promise<Db> {
  let db: Db | undefined;
  try {
    db = openDatabaseAsIs(from, { poolSize: 2 });
    await db.introspection.getTables();
    return db;
  } catch (error) {
    await db?.destroy();
    throw new DatabaseCopyError("source_unreadable", `cannot read ${describeTarget(from)}: ${(error as Error).message}`);
  }
}

async function checkSourceSchema(source: Db, from: DatabaseTarget): Promise<void> {
  const applied = await appliedMigrationNames(source);
  const known = knownMigrationNames();
  const where = describeTarget(from);
  const migrateHint = from.engine === "sqlite" ? `STARBOARD_DB=${from.file} starboard db migrate` : "DATABASE_URL=… starboard db migrate";
  if (applied === null || applied.length === 0) {
    throw new DatabaseCopyError("source_not_migrated", `${where} is not a Starboard database (it has no migrations)`);
  }
  const unknown = applied.filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    throw new DatabaseCopyError("source_ahead", `${where} was migrated by a newer Starboard (${unknown.join(", ")}); upgrade Starboard first`);
  }
  const missing = known.filter((name) => !applied.includes(name));
  if (missing.length > 0) {
    throw new DatabaseCopyError(
      "source_behind",
      `${where} is not at the latest schema (missing ${missing.join(", ")}); run \`${migrateHint}\` first`,
    );
  }
}

/** Rows a freshly migrated database holds (catalogue rows some migrations insert), per table. */
let pristineCounts: Promise<Map<string, number>> | undefined;
function freshlyMigratedCounts(): Promise<Map<string, number>> {
  pristineCounts ??= (async () => {
    const fresh = await openDatabase(":memory:");
    try {
      return new Map(await Promise.all((await listTableNames(fresh)).map(async (t) => [t, await countRows(fresh, t)] as const)));
    } finally {
      await fresh.destroy();
    }
  })();
  return pristineCounts;
}

async function checkTargetEmpty(target: Db, to: DatabaseTarget): Promise<void> {
  const pristine = await freshlyMigratedCounts();
  const holding: string[] = [];
  for (const table of await listTableNames(target)) {
    const rows = await countRows(target, table);
    if (rows !== (pristine.get(table) ?? 0)) holding.push(`${table} (${rows} ${rows === 1 ? "row" : "rows"})`);
  }
  if (holding.length > 0) {
    const named = holding.length > 4 ? `${holding.slice(0, 4).join(", ")} and ${holding.length - 4} more tables` : holding.join(", ");
    throw new DatabaseCopyError(
      "target_not_empty",
      `${describeTarget(to)} already holds data: ${named}. Copy only into a new, empty database; nothing was written`,
    );
  }
}

async function countRows(db: Kysely<any>, table: string): Promise<number> {
  const row = await db.selectFrom(table).select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow();
  return Number(row.n);
}

class VerificationFailed extends Error {
  constructor(readonly report: Omit<DatabaseCopyReport, "from" | "to" | "elapsedMs">) {
    super("verification failed");
  }
}

async function copyAll(source: Db, target: Db, options: CopyDatabaseOptions): Promise<Omit<DatabaseCopyReport, "from" | "to" | "elapsedMs">> {
  const sourceTables = await listTableNames(source);
  const targetTables = new Set(await listTableNames(target));
  const absent = sourceTables.filter((t) => !targetTables.has(t));
  if (absent.length > 0) throw new Error(`the target has no table ${absent.join(", ")} after migrating`);
  const order = foreignKeySafeOrder(sourceTables, await listForeignKeyEdges(source));
  const identities = await listIdentityColumns(target);

  // Read the source in one transaction (a consistent snapshot even if the web app still
  // writes), write the target in one transaction: all or nothing.
  let readSource = source.transaction();
  if (engineOf(source) === "postgres") readSource = readSource.setIsolationLevel("repeatable read");
  try {
    return await readSource.execute(async (src) =>
      target.transaction().execute(async (trx) => {
        // The catalogue rows migrations inserted come again from the source, with its ids.
        for (const table of [...order].reverse()) await trx.deleteFrom(table as keyof Database).execute();
        for (const table of order) {
          const rows = await copyTable(src, trx, table);
          options.onTable?.(table, rows);
        }
        for (const { table, column } of identities) await resetIdentity(trx, table, column);

        const tables: TableCount[] = [];
        for (const table of order) tables.push({ table, source: await countRows(src, table), target: await countRows(trx, table) });
        const checksum = { source: await resultsChecksum(src), target: await resultsChecksum(trx) };
        const ok = tables.every((t) => t.source === t.target) && checksum.source.sha256 === checksum.target.sha256;
        const report = { tables, checksum, ok };
        if (!ok) throw new VerificationFailed(report);
        return report;
      }),
    );
  } catch (error) {
    if (error instanceof VerificationFailed) return error.report;
    throw error;
  }
}

async function copyTable(src: Transaction<Database>, trx: Transaction<Database>, table: string): Promise<number> {
  const columns = await listColumnNames(src, table);
  const batchRows = rowsPerInsert(engineOf(trx), columns.length);
  let batch: Record<string, unknown>[] = [];
  let copied = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    await trx.insertInto(table as keyof Database).values(batch as never).execute();
    copied += batch.length;
    batch = [];
  };
  for await (const row of readRows(src, table, columns, batchRows)) {
    batch.push(row);
    if (batch.length >= batchRows) await flush();
  }
  await flush();
  return copied;
}

/** Every row of `table`: streamed from SQLite; from Postgres in pages ordered by primary key. */
async function* readRows(src: Transaction<Database>, table: string, columns: string[], pageRows: number): AsyncGenerator<Record<string, unknown>> {
  const db = src as unknown as Kysely<any>;
  if (engineOf(src) === "sqlite") {
    yield* db.selectFrom(table).select(columns).stream(pageRows);
    return;
  }
  const key = await primaryKeyColumns(db, table);
  const orderBy = key.length > 0 ? key : columns;
  for (let offset = 0; ; offset += pageRows) {
    let query = db.selectFrom(table).select(columns);
    for (const column of orderBy) query = query.orderBy(column);
    const rows = await query.limit(pageRows).offset(offset).execute();
    yield* rows;
    if (rows.length < pageRows) return;
  }
}

/** The next auto id after the copied ones (Postgres keeps identity counters apart from the rows). */
async function resetIdentity(trx: Transaction<Database>, table: string, column: string): Promise<void> {
  await sql`SELECT setval(pg_get_serial_sequence(${table}, ${column}), COALESCE(MAX(${sql.ref(column)}), 0) + 1, false) FROM ${sql.table(table)}`.execute(trx);
}
