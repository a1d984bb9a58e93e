import { type Db, findImport, type Import, importIdsTouchingPeriod, rolledBackImportIds } from "@starboard/db";
import { quarterEnd, quarterStart } from "@starboard/kpi";
import { parseQuarterId } from "./step.ts";

export interface ImportHistoryEntry {
  importId: number;
  kind: Import["kind"];
  fileName: string;
  by: string;
  at: string;
  rowsTotal: number;
  added: number;
  replaced: number;
  unchanged: number;
  rolledBack: { at: string; by: string } | null;
}

/** Every import that wrote data of the quarter (who, when, file, rows added/replaced/unchanged), newest first. */
export async function quarterImportHistory(db: Db, quarterId: string): Promise<ImportHistoryEntry[]> {
  const id = parseQuarterId(quarterId);
  const ids = await importIdsTouchingPeriod(db, quarterStart(id), quarterEnd(id), id);
  const rolledBack = await rolledBackImportIds(db);
  const out: ImportHistoryEntry[] = [];
  for (const importId of ids) {
    const row = await findImport(db, importId);
    if (!row) continue;
    out.push({
      importId,
      kind: row.kind,
      fileName: row.file_name,
      by: row.actor_label,
      at: row.created_at,
      rowsTotal: row.rows_total,
      added: row.rows_added,
      replaced: row.rows_replaced,
      unchanged: row.rows_unchanged,
      rolledBack: rolledBack.get(importId) ?? null,
    });
  }
  return out;
}
