import type { Db } from "../database.ts";
import type { AuditEntry, NewAuditEntry } from "../tables.ts";

/**
 * Appends one entry to the audit log and returns its id. The audit log is append-only:
 * this module deliberately has no update or delete, and no other module may add one.
 */
export async function appendAudit(db: Db, entry: NewAuditEntry): Promise<number> {
  const row = await db.insertInto("audit_log").values(entry).returning("id").executeTakeFirstOrThrow();
  return Number(row.id);
}

export interface AuditQuery {
  entity?: string;
  entityId?: string;
  /** Newest first; default 100. */
  limit?: number;
}

/** Audit entries, newest first, optionally for one entity. */
export async function listAudit(db: Db, query: AuditQuery = {}): Promise<AuditEntry[]> {
  let q = db.selectFrom("audit_log").selectAll();
  if (query.entity !== undefined) q = q.where("entity", "=", query.entity);
  if (query.entityId !== undefined) q = q.where("entity_id", "=", query.entityId);
  return q.orderBy("id", "desc").limit(query.limit ?? 100).execute();
}
