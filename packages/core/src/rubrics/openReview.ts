import { appendAudit, findRubricReview, insertRubricReview, type RubricReview } from "@starboard/db";
import { type Context, isoNow } from "../context.ts";
import { DomainError } from "../errors.ts";
import { assertCanManageRubrics } from "./access.ts";
import { parseHalfId, reviewAudit } from "./reviewShared.ts";

/** Opens the review of a half (one per half). */
export async function openRubricReview(ctx: Context, half: string): Promise<RubricReview> {
  assertCanManageRubrics(ctx.actor);
  const id = parseHalfId(half);
  const now = isoNow(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    if (await findRubricReview(trx, id)) throw new DomainError("invalid_transition", `the ${id} review is already open`, { reason: "review_exists", half: id });
    const row = await insertRubricReview(trx, {
      half: id, status: "open", draft_version_id: null, whatif: null, whatif_at: null, decision: null, rationale: null,
      effective_from: null, opened_at: now, opened_by: ctx.actor.label, decided_at: null, decided_by: null, completed_at: null, completed_by: null,
    });
    await appendAudit(trx, reviewAudit(ctx, now, "rubric.review.open", id, null, { status: "open" }));
    return row;
  });
}

