import { type AuditFilter, auditVocabulary, searchAudit } from "@starboard/db";
import { z } from "zod";
import type { Context } from "../context.ts";
import { assertActorCan } from "../policy/actor.ts";

/** A real calendar day `YYYY-MM-DD` (2026-02-30 is not). */
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  });

/** Filters of the HR audit page (from the URL): every field optional, bounded. */
export const auditFilterSchema = z.object({
  actor: z.string().trim().max(254).optional(),
  action: z.string().trim().max(100).optional(),
  entity: z.string().trim().max(100).optional(),
  entityId: z.string().trim().max(200).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
});
export type AuditFilterInput = z.infer<typeof auditFilterSchema>;

export const AUDIT_PAGE_SIZE = 50;

/** The audit log for HR, filtered, newest first, one page at a time. Read-only by design. */
export async function listAuditLog(ctx: Context, filter: AuditFilterInput) {
  assertActorCan(ctx, "view_audit");
  const query: AuditFilter = {
    ...(filter.actor ? { actor: filter.actor } : {}),
    ...(filter.action ? { action: filter.action } : {}),
    ...(filter.entity ? { entity: filter.entity } : {}),
    ...(filter.entityId ? { entityId: filter.entityId } : {}),
    ...(filter.from ? { from: filter.from } : {}),
    ...(filter.to ? { to: filter.to } : {}),
    limit: AUDIT_PAGE_SIZE,
    offset: (filter.page - 1) * AUDIT_PAGE_SIZE,
  };
  const [{ entries, total }, vocabulary] = await Promise.all([searchAudit(ctx.db, query), auditVocabulary(ctx.db)]);
  return { entries, total, pageSize: AUDIT_PAGE_SIZE, page: filter.page, vocabulary };
}
