import { appendAudit, type RubricReview, type RubricReviewDecision, updateRubricReview } from "@starboard/db";
import { type Context, isoNow } from "../context.ts";
import { DomainError } from "../errors.ts";
import { assertCanManageRubrics } from "./access.ts";
import { parseHalfId, requireOpenReview, reviewAudit } from "./reviewShared.ts";

export const RATIONALE_MAX = 4000;

/** Records the decision (adopt the attached draft, or keep the current rubric) and its rationale. */
export async function decideRubricReview(ctx: Context, half: string, input: { decision: RubricReviewDecision; rationale: string }): Promise<RubricReview> {
  assertCanManageRubrics(ctx.actor);
  const id = parseHalfId(half);
  const rationale = input.rationale.trim();
  if (rationale.length === 0) throw new DomainError("invalid_input", "give the rationale for the decision", { reason: "rationale_required" });
  if (rationale.length > RATIONALE_MAX) throw new DomainError("invalid_input", `the rationale is limited to ${RATIONALE_MAX} characters`, { reason: "rationale_too_long", max: RATIONALE_MAX });
  const now = isoNow(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const review = await requireOpenReview(trx, id);
    if (input.decision === "adopt" && (review.draft_version_id === null || review.whatif === null)) {
      throw new DomainError("invalid_transition", "attach a draft's what-if before deciding to adopt it", { reason: "whatif_required" });
    }
    await updateRubricReview(trx, id, { decision: input.decision, rationale, decided_at: now, decided_by: ctx.actor.label });
    await appendAudit(trx, reviewAudit(ctx, now, "rubric.review.decide", id, { decision: review.decision, rationale: review.rationale }, { decision: input.decision, rationale }));
    return { ...review, decision: input.decision, rationale, decided_at: now, decided_by: ctx.actor.label };
  });
}

