import { appendAudit, type Db, getSetting, setSetting } from "@starboard/db";
import { z } from "zod";
import { type Context, isoNow } from "../context.ts";
import { DomainError } from "../errors.ts";
import { assertActorCan } from "../policy/actor.ts";
import { inTransaction } from "../transaction.ts";

/** Setting key: the share (0–100 %) of evaluations that automatically go to a second reviewer. */
export const QA_DUAL_REVIEW_SETTING = "qa.dual_review_pct";
export const DEFAULT_QA_DUAL_REVIEW_PCT = 10;

export async function qaDualReviewPct(db: Db): Promise<number> {
  const raw = await getSetting(db, QA_DUAL_REVIEW_SETTING);
  const n = raw === undefined ? Number.NaN : Number(raw);
  return Number.isFinite(n) && n >= 0 && n <= 100 ? n : DEFAULT_QA_DUAL_REVIEW_PCT;
}

export const qaDualReviewPctSchema = z.number().finite().min(0).max(100);

/** HR sets the dual-review share (0–100 %); audited like the other organisation settings. */
export async function setQaDualReviewPct(ctx: Context, pct: number): Promise<{ before: number; after: number }> {
  assertActorCan(ctx, "manage_settings");
  const parsed = qaDualReviewPctSchema.safeParse(pct);
  if (!parsed.success) throw new DomainError("invalid_input", "the dual-review share is a number from 0 to 100", { field: "dualReviewPct" });
  return inTransaction(ctx.db, async (trx) => {
    const before = await qaDualReviewPct(trx);
    await setSetting(trx, QA_DUAL_REVIEW_SETTING, String(parsed.data));
    await appendAudit(trx, {
      at: isoNow(ctx),
      actor_user_id: ctx.actor.userId,
      actor_label: ctx.actor.label,
      action: "settings.update",
      entity: "settings",
      entity_id: QA_DUAL_REVIEW_SETTING,
      before: JSON.stringify({ pct: before }),
      after: JSON.stringify({ pct: parsed.data }),
    });
    return { before, after: parsed.data };
  });
}
