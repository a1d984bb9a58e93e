import { type Kysely, sql } from "kysely";
import { engineOf } from "../dialect.ts";

/**
 * What a database copy needs to know about the schema, read from the engine's own catalogue
 * (SQLite pragmas, Postgres pg_catalog) so tables added by later migrations are copied
 * without a list to keep up to date here.
 */

/** Starboard's tables (Kysely's migration bookkeeping excluded), sorted by name. */
export async function listTableNames(db: Kysely<any>): Promise<string[]> {
  const tables = await db.introspection.getTables();
  return tables.filter((t) => !t.isView).map((t) => t.name).sort();
}

/** Column names of `table` in declaration order. */
export async function listColumnNames(db: Kysely<any>, table: string): Promise<string[]> {
  const tables = await db.introspection.getTables();
  const found = tables.find((t) => t.name === table);
  if (!found) throw new Error(`no table ${table}`);
  return found.columns.map((c) => c.name);
}

/** Foreign keys as edges: `table` references `references`. */
export async function listForeignKeyEdges(db: Kysely<any>): Promise<Array<{ table: string; references: string }>> {
  if (engineOf(db) === "postgres") {
    const { rows } = await sql<{ table: string; references: string }>`
      SELECT child.relname AS "table", parent.relname AS "references"
      FROM pg_constraint c
      JOIN pg_class child ON child.oid = c.conrelid
      JOIN pg_class parent ON parent.oid = c.confrelid
      JOIN pg_namespace n ON n.oid = child.relnamespace
      WHERE c.contype = 'f' AND n.nspname = current_schema()`.execute(db);
    return rows;
  }
  const edges: Array<{ table: string; references: string }> = [];
  for (const table of await listTableNames(db)) {
    const { rows } = await sql<{ table: string }>`SELECT "table" FROM pragma_foreign_key_list(${table})`.execute(db);
    for (const row of rows) edges.push({ table, references: row.table });
  }
  return edges;
}

/** Primary-key columns of `table`, in key order (empty when it has none). */
export async function primaryKeyColumns(db: Kysely<any>, table: string): Promise<string[]> {
  if (engineOf(db) === "postgres") {
    const { rows } = await sql<{ column: string }>`
      SELECT a.attname AS "column"
      FROM pg_index i
      JOIN pg_class t ON t.oid = i.indrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace
      JOIN unnest(i.indkey) WITH ORDINALITY AS k(attnum, position) ON true
      JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
      WHERE i.indisprimary AND t.relname = ${table} AND n.nspname = current_schema()
      ORDER BY k.position`.execute(db);
    return rows.map((r) => r.column);
  }
  const { rows } = await sql<{ name: string; pk: number }>`SELECT name, pk FROM pragma_table_info(${table}) WHERE pk > 0 ORDER BY pk`.execute(db);
  return rows.map((r) => r.name);
}

/** Postgres identity columns (the auto ids), whose sequences must follow copied ids. */
export async function listIdentityColumns(db: Kysely<any>): Promise<Array<{ table: string; column: string }>> {
  if (engineOf(db) !== "postgres") return [];
  const { rows } = await sql<{ table: string; column: string }>`
    SELECT table_name AS "table", column_name AS "column"
    FROM information_schema.columns
    WHERE table_schema = current_schema() AND is_identity = 'YES'
    ORDER BY table_name`.execute(db);
  return rows;
}

/**
 * Orders `tables` so every table comes after the tables it references (parents first), ties
 * broken by name so the order is stable. A self-reference is ignored; a cycle between tables
 * is an error (Starboard's schema has none).
 */
export function foreignKeySafeOrder(tables: readonly string[], edges: ReadonlyArray<{ table: string; references: string }>): string[] {
  const known = new Set(tables);
  const parents = new Map<string, Set<string>>(tables.map((t) => [t, new Set<string>()]));
  for (const { table, references } of edges) {
    if (table !== references && known.has(table) && known.has(references)) parents.get(table)!.add(references);
  }
  const ordered: string[] = [];
  const placed = new Set<string>();
  while (ordered.length < tables.length) {
    const ready = [...tables].filter((t) => !placed.has(t) && [...parents.get(t)!].every((p) => placed.has(p))).sort();
    if (ready.length === 0) {
      const left = tables.filter((t) => !placed.has(t)).sort();
      throw new Error(`foreign keys form a cycle between ${left.join(", ")}`);
    }
    for (const t of ready) {
      ordered.push(t);
      placed.add(t);
    }
  }
  return ordered;
}
