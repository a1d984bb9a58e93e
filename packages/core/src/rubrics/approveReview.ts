import { appendAudit, approveRubricVersion, findRubricVersion, listRubricVersions, type RubricReview, updateRubricReview } from "@starboard/db";
import { nextQuarter, quarterIdSchema } from "@starboard/kpi";
import { type Context, isoNow } from "../context.ts";
import { DomainError } from "../errors.ts";
import { assertCanManageRubrics } from "./access.ts";
import { currentQuarter } from "./activeRubric.ts";
import { type AttachedWhatIf, parseHalfId, requireOpenReview, reviewAudit } from "./reviewShared.ts";

/**
 * Approves the review. With "adopt", the attached draft is approved and takes effect from the
 * next quarter after today (or a later quarter given explicitly) — never a past or the current
 * quarter, so stored results keep the version they were computed with forever. With "keep",
 * the review is simply completed.
 */
export async function approveRubricReview(ctx: Context, half: string, options: { effectiveFrom?: string } = {}): Promise<RubricReview> {
  assertCanManageRubrics(ctx.actor);
  const id = parseHalfId(half);
  const now = isoNow(ctx);
  const earliest = nextQuarter(currentQuarter(ctx));
  let effectiveFrom = earliest;
  if (options.effectiveFrom !== undefined && options.effectiveFrom !== "") {
    const parsed = quarterIdSchema.safeParse(options.effectiveFrom);
    if (!parsed.success) throw new DomainError("invalid_input", `"${options.effectiveFrom}" is not a quarter`, { reason: "bad_quarter", quarter: options.effectiveFrom });
    if (parsed.data < earliest) {
      throw new DomainError("invalid_input", `a new version can take effect from ${earliest} at the earliest`, { reason: "effective_too_early", earliest });
    }
    effectiveFrom = parsed.data;
  }
  return ctx.db.transaction().execute(async (trx) => {
    const review = await requireOpenReview(trx, id);
    if (review.decision === null) throw new DomainError("invalid_transition", "record the decision and rationale first", { reason: "decision_required" });
    let effective: string | null = null;
    if (review.decision === "adopt") {
      const attached = JSON.parse(review.whatif ?? "null") as AttachedWhatIf | null;
      const draft = review.draft_version_id === null ? undefined : await findRubricVersion(trx, review.draft_version_id);
      if (!attached || !draft) throw new DomainError("invalid_transition", "attach a draft's what-if first", { reason: "whatif_required" });
      if (draft.status !== "draft") throw new DomainError("invalid_transition", `version ${draft.version} is not a draft`, { reason: "not_a_draft", version: Number(draft.version) });
      if (draft.definition !== attached.definition) {
        throw new DomainError("invalid_transition", "the draft was edited after its what-if: run the what-if again", { reason: "whatif_stale" });
      }
      // Versions take effect in version order: a later version never applies before an earlier one.
      const latest = (await listRubricVersions(trx)).filter((v) => v.status === "approved" && v.effective_from !== null).map((v) => v.effective_from!).sort().pop();
      if (latest !== undefined && effectiveFrom < latest) {
        throw new DomainError("invalid_input", `an approved version already takes effect from ${latest}; choose ${latest} or later`, { reason: "effective_before_latest", earliest: latest });
      }
      await approveRubricVersion(trx, Number(draft.id), effectiveFrom, ctx.actor.label, now);
      effective = effectiveFrom;
      await appendAudit(trx, {
        at: now, actor_user_id: ctx.actor.userId, actor_label: ctx.actor.label, action: "rubric.approve",
        entity: "rubric_version", entity_id: String(draft.id),
        before: JSON.stringify({ status: "draft" }), after: JSON.stringify({ status: "approved", effectiveFrom, review: id }),
      });
    }
    await updateRubricReview(trx, id, { status: "completed", effective_from: effective, completed_at: now, completed_by: ctx.actor.label });
    await appendAudit(trx, reviewAudit(ctx, now, "rubric.review.approve", id, { status: "open" }, { status: "completed", decision: review.decision, effectiveFrom: effective }));
    return { ...review, status: "completed" as const, effective_from: effective, completed_at: now, completed_by: ctx.actor.label };
  });
}
