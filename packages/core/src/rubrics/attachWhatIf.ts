import { appendAudit, findRubricVersion, updateRubricReview } from "@starboard/db";
import { type Context, isoNow } from "../context.ts";
import { DomainError } from "../errors.ts";
import { assertCanManageRubrics } from "./access.ts";
import { type AttachedWhatIf, parseHalfId, requireOpenReview, reviewAudit } from "./reviewShared.ts";
import { runWhatIf } from "./whatIf.ts";

/** Runs the what-if of a draft over the last two calculated quarters and attaches it (with the draft) to the review. */
export async function attachReviewWhatIf(ctx: Context, half: string, draftVersionId: number): Promise<AttachedWhatIf> {
  assertCanManageRubrics(ctx.actor);
  const id = parseHalfId(half);
  const draft = await findRubricVersion(ctx.db, draftVersionId);
  if (!draft) throw new DomainError("not_found", `rubric version ${draftVersionId} does not exist`, { id: draftVersionId });
  if (draft.status !== "draft") throw new DomainError("invalid_transition", `version ${draft.version} is not a draft`, { reason: "not_a_draft", version: Number(draft.version) });
  const report = await runWhatIf(ctx, JSON.parse(draft.definition));
  const attached: AttachedWhatIf = { draftVersionId: Number(draft.id), draftVersion: Number(draft.version), definition: draft.definition, report };
  const now = isoNow(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const review = await requireOpenReview(trx, id);
    await updateRubricReview(trx, id, { draft_version_id: Number(draft.id), whatif: JSON.stringify(attached), whatif_at: now, decision: null, decided_at: null, decided_by: null, rationale: null });
    await appendAudit(trx, reviewAudit(ctx, now, "rubric.review.whatif", id, { draftVersionId: review.draft_version_id }, {
      draftVersionId: Number(draft.id),
      quarters: report.quarters.map((q) => q.quarter),
      incentiveChange: report.summary.incentiveChange,
    }));
  });
  return attached;
}

