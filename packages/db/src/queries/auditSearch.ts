import { sql } from "kysely";
import type { Db } from "../database.ts";
import type { AuditEntry } from "../tables.ts";

export interface AuditFilter {
  /** Substring of the actor label (email or `cli:…`), case-insensitive. */
  actor?: string;
  action?: string;
  entity?: string;
  entityId?: string;
  /** Inclusive ISO date `YYYY-MM-DD` (UTC). */
  from?: string;
  /** Inclusive ISO date `YYYY-MM-DD` (UTC). */
  to?: string;
  limit?: number;
  offset?: number;
}

/** Audit entries matching every given filter, newest first, plus the total number of matches. */
export async function searchAudit(db: Db, filter: AuditFilter): Promise<{ entries: AuditEntry[]; total: number }> {
  let q = db.selectFrom("audit_log");
  if (filter.actor) q = q.where(sql<boolean>`lower(actor_label) like ${`%${escapeLike(filter.actor.toLowerCase())}%`} escape '\\'`);
  if (filter.action) q = q.where("action", "=", filter.action);
  if (filter.entity) q = q.where("entity", "=", filter.entity);
  if (filter.entityId) q = q.where("entity_id", "=", filter.entityId);
  if (filter.from) q = q.where("at", ">=", `${filter.from}T00:00:00.000Z`);
  if (filter.to) q = q.where("at", "<=", `${filter.to}T23:59:59.999Z`);
  const [entries, count] = await Promise.all([
    q.selectAll().orderBy("id", "desc").limit(filter.limit ?? 100).offset(filter.offset ?? 0).execute(),
    q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { entries, total: Number(count.n) };
}

/** The distinct actions and entities in the log, for the filter menus. */
export async function auditVocabulary(db: Db): Promise<{ actions: string[]; entities: string[] }> {
  const [actions, entities] = await Promise.all([
    db.selectFrom("audit_log").select("action").distinct().orderBy("action").execute(),
    db.selectFrom("audit_log").select("entity").distinct().orderBy("entity").execute(),
  ]);
  return { actions: actions.map((r) => r.action), entities: entities.map((r) => r.entity) };
}

/** `%` and `_` in a filter are literal characters, not wildcards. */
function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
