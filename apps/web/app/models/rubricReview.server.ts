import { redirect } from "@remix-run/node";
import {
  approveRubricReview,
  type AttachedWhatIf,
  attachReviewWhatIf,
  type Context,
  decideRubricReview,
  getReview,
  listRubrics,
  RATIONALE_MAX,
} from "@starboard/core";
import { RUBRIC_REVIEW_DECISIONS } from "@starboard/db";
import { halfIdSchema, nextQuarter, quarterIdSchema } from "@starboard/kpi";
import { z } from "zod";
import { dashboardError } from "./quarters.server";
import { whatIfView } from "./rubricWhatIf.server";
import { attempt } from "./rubrics.server";

export function parseHalfParam(param: string | undefined): string {
  const parsed = halfIdSchema.safeParse(param);
  if (!parsed.success) throw dashboardError(404, { code: "notFound" });
  return parsed.data;
}

export async function getReviewPage(ctx: Context, half: string) {
  const review = await getReview(ctx, half);
  if (!review) throw dashboardError(404, { code: "notFound" });
  const { quarter, versions } = await listRubrics(ctx);
  const attached = review.whatif ? (JSON.parse(review.whatif) as AttachedWhatIf) : null;
  return {
    review: {
      half: review.half,
      status: review.status,
      decision: review.decision,
      rationale: review.rationale,
      effectiveFrom: review.effective_from,
      openedBy: review.opened_by,
      openedAt: review.opened_at,
      decidedBy: review.decided_by,
      completedBy: review.completed_by,
      whatifAt: review.whatif_at,
    },
    attached: attached ? { draftVersionId: attached.draftVersionId, draftVersion: attached.draftVersion, view: whatIfView(attached.report) } : null,
    drafts: versions.filter((v) => v.status === "draft").map((v) => ({ id: v.id, version: v.version, name: v.name })),
    earliestEffective: nextQuarter(quarter),
  };
}

const reviewActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("attach"), draftVersionId: z.coerce.number().int().positive() }),
  z.object({ intent: z.literal("decide"), decision: z.enum(RUBRIC_REVIEW_DECISIONS), rationale: z.string().max(RATIONALE_MAX) }),
  z.object({ intent: z.literal("approve"), effectiveFrom: z.union([z.literal(""), quarterIdSchema]).default("") }),
]);

export async function handleReviewAction(ctx: Context, half: string, form: FormData) {
  const parsed = reviewActionSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    const intent = form.get("intent");
    const field = parsed.error.issues[0]?.path[0];
    const error = intent === "decide" && field === "decision" ? "decision_required" : intent === "decide" ? "rationale_too_long" : intent === "approve" ? "bad_quarter" : "bad_request";
    return { ok: false as const, intent: String(intent ?? ""), error, params: { max: RATIONALE_MAX, quarter: String(form.get("effectiveFrom") ?? "") }, issues: [], rationale: String(form.get("rationale") ?? "") };
  }
  const input = parsed.data;
  const result =
    input.intent === "attach"
      ? await attempt(() => attachReviewWhatIf(ctx, half, input.draftVersionId))
      : input.intent === "decide"
        ? await attempt(() => decideRubricReview(ctx, half, { decision: input.decision, rationale: input.rationale }))
        : await attempt(() => approveRubricReview(ctx, half, { effectiveFrom: input.effectiveFrom }));
  if (!result.ok) return { ...result, intent: input.intent, rationale: input.intent === "decide" ? input.rationale : "" };
  throw redirect(`/hr/rubrics/reviews/${half}`);
}
