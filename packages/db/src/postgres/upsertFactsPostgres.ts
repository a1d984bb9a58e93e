import { type Kysely, sql } from "kysely";
import { bulkInsertRowsPerStatement } from "../dialect.ts";
import { copyFromStdin, copyTextOf } from "./copyFromStdin.ts";

/** What upsertFactBatch needs to know about a fact table (see FACT_TABLES in queries/facts.ts). */
export interface FactTableColumns {
  key: readonly string[];
  values: readonly string[];
}

export interface PostgresUpsertCounts {
  added: number;
  replaced: number;
  unchanged: number;
}

const q = (name: string) => `"${name}"`;

/** The staging table of one fact table: same columns, private to the session, gone at commit. */
const stagingTable = (table: string) => `starboard_stage_${table}`;

interface TableSql {
  /** Creates the staging table once per transaction and empties it for this batch. */
  prepareStaging: string;
  /** Upserts the staged rows and returns, per row written, its old values (existed = NULL when new). */
  upsert: string;
  columns: readonly string[];
}

const sqlCache = new Map<string, TableSql>();

function sqlFor(table: string, spec: FactTableColumns): TableSql {
  const cached = sqlCache.get(table);
  if (cached) return cached;
  const stage = stagingTable(table);
  const columns = [...spec.key, ...spec.values, "import_id"];
  const keyMatch = (a: string, b: string) => spec.key.map((c) => `${a}.${q(c)} = ${b}.${q(c)}`).join(" AND ");
  const tableSql: TableSql = {
    prepareStaging:
      `CREATE TEMP TABLE IF NOT EXISTS ${q(stage)} (LIKE ${q(table)} INCLUDING DEFAULTS) ON COMMIT DROP; ` + `TRUNCATE ${q(stage)}`,
    // One statement: every sub-statement of a WITH sees the same snapshot, so `old` holds the
    // values from before `written` changed them. Identical rows are not touched (the DO UPDATE's
    // WHERE), so they keep their import_id, exactly like the other paths.
    upsert:
      `WITH old AS (SELECT true AS existed, ${columns.map((c) => `t.${q(c)}`).join(", ")} ` +
      `FROM ${q(table)} t JOIN ${q(stage)} s ON ${keyMatch("t", "s")}), ` +
      `written AS (INSERT INTO ${q(table)} AS t (${columns.map(q).join(", ")}) ` +
      `SELECT ${columns.map(q).join(", ")} FROM ${q(stage)} ` +
      `ON CONFLICT (${spec.key.map(q).join(", ")}) DO UPDATE SET ` +
      `${[...spec.values, "import_id"].map((c) => `${q(c)} = EXCLUDED.${q(c)}`).join(", ")} ` +
      `WHERE (${spec.values.map((c) => `t.${q(c)}`).join(", ")}) IS DISTINCT FROM (${spec.values.map((c) => `EXCLUDED.${q(c)}`).join(", ")}) ` +
      `RETURNING ${spec.key.map((c) => `t.${q(c)}`).join(", ")}, t."import_id" AS "new_import_id") ` +
      `SELECT o.*, w."new_import_id" FROM written w LEFT JOIN old o ON ${keyMatch("o", "w")}`,
    columns,
  };
  sqlCache.set(table, tableSql);
  return tableSql;
}

/**
 * The Postgres engine's implementation of upsertFactBatch, with the same added / replaced /
 * unchanged semantics and before-images as the portable and SQLite paths: the batch is COPied
 * into a session-private staging table, then one `INSERT … SELECT … ON CONFLICT (key) DO
 * UPDATE … WHERE values differ … RETURNING` writes it and hands back the old values of every
 * row it replaced. Three round trips per batch whatever its size (four when rows were
 * replaced), no bind parameters for the rows. Runs inside the caller's transaction, or in its
 * own when `db` is not one (the staging table and the COPY need one connection).
 */
export async function upsertFactBatchPostgres(
  db: Kysely<any>,
  table: string,
  spec: FactTableColumns,
  rows: readonly Record<string, unknown>[],
): Promise<PostgresUpsertCounts> {
  if (rows.length === 0) return { added: 0, replaced: 0, unchanged: 0 };
  if (!db.isTransaction) return db.transaction().execute((trx) => upsertFactBatchPostgres(trx, table, spec, rows));

  const st = sqlFor(table, spec);
  await sql.raw(st.prepareStaging).execute(db);
  await copyFromStdin(db, stagingTable(table), st.columns, copyTextOf(rows, st.columns));
  const { rows: written } = await sql.raw<Record<string, unknown> & { existed: boolean | null; new_import_id: number | null }>(st.upsert).execute(db);

  const counts: PostgresUpsertCounts = { added: 0, replaced: 0, unchanged: rows.length - written.length };
  const beforeImages: BeforeImage[] = [];
  for (const old of written) {
    if (old.existed === null) {
      counts.added++;
      continue;
    }
    counts.replaced++;
    // Written by an import (not, say, a QA finalisation): keep the before-image for its rollback.
    if (old.new_import_id !== null) beforeImages.push(beforeImage(table, spec, old, old.new_import_id));
  }
  const perStatement = bulkInsertRowsPerStatement("postgres", 6);
  for (let i = 0; i < beforeImages.length; i += perStatement) {
    await db.insertInto("import_replaced_rows").values(beforeImages.slice(i, i + perStatement)).execute();
  }
  return counts;
}

interface BeforeImage {
  import_id: number;
  fact_table: string;
  key_json: string;
  before_import_id: number | null;
  before_json: string;
  row_date: string;
}

/** The same before-image the portable path stores: the old row as JSON (key, values, import_id), keyed by its natural key. */
function beforeImage(table: string, spec: FactTableColumns, stored: Record<string, unknown>, importId: unknown): BeforeImage {
  const old: Record<string, unknown> = {};
  for (const c of [...spec.key, ...spec.values, "import_id"]) old[c] = stored[c] ?? null;
  return {
    import_id: Number(importId),
    fact_table: table,
    key_json: JSON.stringify(spec.key.map((c) => old[c])),
    before_import_id: old.import_id == null ? null : Number(old.import_id),
    before_json: JSON.stringify(old),
    row_date: String(old.date),
  };
}
