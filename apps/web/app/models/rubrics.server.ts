import { redirect } from "@remix-run/node";
import {
  type Context,
  createRubricDraft,
  type DomainError,
  getReviewReminder,
  isDomainError,
  listReviews,
  listRubrics,
  openRubricReview,
  RubricInvalidError,
} from "@starboard/core";
import { halfIdSchema, halfOfDate, RUBRIC_PRESET_IDS, type RubricIssue } from "@starboard/kpi";
import { z } from "zod";

/** A problem to show: a translation key under `rubrics:error.` with its parameters, and engine issues when a rubric is invalid. */
export interface RubricActionError {
  error: string;
  params: Record<string, string | number>;
  issues: RubricIssue[];
}

/** DomainError → translated message key (`rubrics:error.<reason or code>`); a rubric's issues travel along. */
export function rubricActionError(error: DomainError): RubricActionError {
  const reason = typeof error.params.reason === "string" ? error.params.reason : error.code;
  const params = Object.fromEntries(Object.entries(error.params).filter(([k]) => k !== "reason"));
  return { error: reason, params, issues: error instanceof RubricInvalidError ? error.issues : [] };
}

/** Runs an operation; a DomainError becomes a translated error value, anything else propagates. */
export async function attempt<T>(run: () => Promise<T>): Promise<{ ok: true; value: T } | ({ ok: false } & RubricActionError)> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    if (isDomainError(error)) return { ok: false, ...rubricActionError(error) };
    throw error;
  }
}

export async function getRubricIndex(ctx: Context) {
  const [{ quarter, versions }, reviews, reminder] = await Promise.all([listRubrics(ctx), listReviews(ctx), getReviewReminder(ctx)]);
  return {
    quarter,
    currentHalf: halfOfDate(ctx.now().toISOString().slice(0, 10)),
    versions,
    reviews: reviews.map((r) => ({ half: r.half, status: r.status, decision: r.decision, effectiveFrom: r.effective_from, openedAt: r.opened_at })),
    reminder,
    presets: [...RUBRIC_PRESET_IDS],
  };
}

const indexActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("createDraft"), source: z.union([z.literal("active"), z.enum(RUBRIC_PRESET_IDS)]) }),
  z.object({ intent: z.literal("openReview"), half: halfIdSchema }),
]);

export async function handleRubricIndexAction(ctx: Context, form: FormData) {
  const parsed = indexActionSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { ok: false as const, error: "bad_request", params: {}, issues: [] };
  const input = parsed.data;
  if (input.intent === "createDraft") {
    const result = await attempt(() =>
      createRubricDraft(ctx, input.source === "active" ? { from: "active" } : { from: "preset", preset: input.source }),
    );
    if (!result.ok) return result;
    throw redirect(`/hr/rubrics/${result.value.id}`);
  }
  const result = await attempt(() => openRubricReview(ctx, input.half));
  if (!result.ok) return result;
  throw redirect(`/hr/rubrics/reviews/${input.half}`);
}

/** `:versionId` route param: a positive integer, else 404. */
export function parseVersionId(param: string | undefined): number | null {
  const parsed = z.coerce.number().int().positive().max(2_147_483_647).safeParse(param);
  return parsed.success && /^\d+$/.test(param ?? "") ? parsed.data : null;
}

/** For the HR dashboard: is the semiannual review of the current half due or overdue? */
export function getRubricReviewReminder(ctx: Context) {
  return getReviewReminder(ctx);
}
