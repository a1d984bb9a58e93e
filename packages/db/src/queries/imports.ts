import type { Db } from "../database.ts";
import type { Import, ImportKind, NewImport } from "../tables.ts";

/** Inserts an import record and returns its id (fact rows written by the import carry it). */
export async function insertImport(db: Db, row: NewImport): Promise<number> {
  const inserted = await db.insertInto("imports").values(row).returning("id").executeTakeFirstOrThrow();
  return Number(inserted.id);
}

export interface ImportCounts {
  rows_total: number;
  rows_added: number;
  rows_replaced: number;
  rows_unchanged: number;
}

/** Records an import's final row counts (known only once the whole file has been read). */
export async function recordImportCounts(db: Db, importId: number, counts: ImportCounts): Promise<void> {
  await db.updateTable("imports").set(counts).where("id", "=", importId).execute();
}

export async function findImport(db: Db, importId: number): Promise<Import | undefined> {
  return db.selectFrom("imports").selectAll().where("id", "=", importId).executeTakeFirst();
}

export interface ImportQuery {
  kind?: ImportKind;
  /** Newest first; default 100. */
  limit?: number;
}

/** Import history, newest first. */
export async function listImports(db: Db, query: ImportQuery = {}): Promise<Import[]> {
  let q = db.selectFrom("imports").selectAll();
  if (query.kind !== undefined) q = q.where("kind", "=", query.kind);
  return q.orderBy("id", "desc").limit(query.limit ?? 100).execute();
}
