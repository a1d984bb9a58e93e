import type SQLite from "better-sqlite3";

/** What upsertFactBatch needs to know about a fact table (see FACT_TABLES in queries/facts.ts). */
export interface FactTableColumns {
  key: readonly string[];
  values: readonly string[];
}

export interface SqliteUpsertCounts {
  added: number;
  replaced: number;
  unchanged: number;
}

interface TableStatements {
  /** INSERT … ON CONFLICT (key) DO NOTHING — one statement for a new key, which is the common case. */
  insert: SQLite.Statement;
  /** The stored values (then import_id) of one key, to tell "replaced" from "unchanged". */
  select: SQLite.Statement;
  /** Keeps the replaced row's before-image so the import can be rolled back (see core/cycle/rollbackImport). */
  saveBeforeImage: SQLite.Statement;
  /** Overwrites the values (and import_id) of one key. */
  update: SQLite.Statement;
  columns: readonly string[];
  /** The row's values in `columns` order (undefined → NULL), compiled once per table. */
  paramsOf: (row: Record<string, unknown>) => unknown[];
}

const statementCache = new WeakMap<SQLite.Database, Map<string, TableStatements>>();

function statementsFor(sqlite: SQLite.Database, table: string, spec: FactTableColumns): TableStatements {
  let byTable = statementCache.get(sqlite);
  if (!byTable) {
    byTable = new Map();
    statementCache.set(sqlite, byTable);
  }
  const cached = byTable.get(table);
  if (cached) return cached;
  const q = (c: string) => `"${c}"`;
  const columns = [...spec.key, ...spec.values, "import_id"];
  const keyWhere = spec.key.map((c) => `${q(c)} = ?`).join(" AND ");
  const statements: TableStatements = {
    insert: sqlite.prepare(
      `INSERT INTO ${q(table)} (${columns.map(q).join(", ")}) VALUES (${columns.map(() => "?").join(", ")}) ` +
        `ON CONFLICT (${spec.key.map(q).join(", ")}) DO NOTHING`,
    ),
    select: sqlite.prepare(`SELECT ${[...spec.values, "import_id"].map(q).join(", ")} FROM ${q(table)} WHERE ${keyWhere}`).raw(true),
    saveBeforeImage: sqlite.prepare(
      "INSERT INTO import_replaced_rows (import_id, fact_table, key_json, before_import_id, before_json, row_date) VALUES (?, ?, ?, ?, ?, ?)",
    ),
    update: sqlite.prepare(
      `UPDATE ${q(table)} SET ${[...spec.values, "import_id"].map((c) => `${q(c)} = ?`).join(", ")} WHERE ${keyWhere}`,
    ),
    columns,
    // A function with literal property reads is several times faster than row[column] in a loop.
    // Column names come from FACT_TABLES (code), never from input.
    paramsOf: new Function("row", `return [${columns.map((c) => `row[${JSON.stringify(c)}] ?? null`).join(", ")}];`) as (
      row: Record<string, unknown>,
    ) => unknown[],
  };
  byTable.set(table, statements);
  return statements;
}

/**
 * The SQLite engine's implementation of upsertFactBatch: the same added / replaced /
 * unchanged semantics as the portable path, with cached prepared statements and one
 * index probe per row instead of a multi-key OR lookup per batch. A new key costs exactly
 * one INSERT; only a key already stored is read back and compared. Runs inside the caller's
 * transaction when there is one (SQLite has a single connection), else in its own.
 */
export function upsertFactBatchSqlite(
  sqlite: SQLite.Database,
  table: string,
  spec: FactTableColumns,
  rows: readonly Record<string, unknown>[],
): SqliteUpsertCounts {
  const counts: SqliteUpsertCounts = { added: 0, replaced: 0, unchanged: 0 };
  if (rows.length === 0) return counts;
  const st = statementsFor(sqlite, table, spec);
  const keyCount = spec.key.length;
  const valueCount = spec.values.length;

  const run = () => {
    for (const row of rows) {
      const params = st.paramsOf(row);
      if (st.insert.run(params).changes === 1) {
        counts.added++;
        continue;
      }
      const key = params.slice(0, keyCount);
      const stored = st.select.get(key) as unknown[];
      let differs = false;
      for (let i = 0; i < valueCount; i++) {
        if ((stored[i] ?? null) !== params[keyCount + i]) {
          differs = true;
          break;
        }
      }
      if (differs) {
        const importId = params[params.length - 1];
        if (importId !== null) st.saveBeforeImage.run(beforeImage(table, spec, key, stored, importId));
        st.update.run([...params.slice(keyCount), ...key]);
        counts.replaced++;
      } else {
        counts.unchanged++;
      }
    }
  };
  if (sqlite.inTransaction) run();
  else sqlite.transaction(run)();
  return counts;
}

/** The same before-image the portable path stores: the old row as JSON, keyed by its natural key. */
function beforeImage(table: string, spec: FactTableColumns, key: unknown[], stored: unknown[], importId: unknown): unknown[] {
  const old: Record<string, unknown> = {};
  spec.key.forEach((c, i) => (old[c] = key[i]));
  spec.values.forEach((c, i) => (old[c] = stored[i] ?? null));
  const beforeImportId = stored[spec.values.length] ?? null;
  old.import_id = beforeImportId;
  return [Number(importId), table, JSON.stringify(key), beforeImportId === null ? null : Number(beforeImportId), JSON.stringify(old), String(old.date)];
}
