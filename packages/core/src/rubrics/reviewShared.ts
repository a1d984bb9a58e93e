import { type Db, findRubricReview, type RubricReview } from "@starboard/db";
import { halfIdSchema } from "@starboard/kpi";
import type { Context } from "../context.ts";
import { DomainError } from "../errors.ts";
import type { WhatIfReport } from "./whatIf.ts";

/** What is kept with a review: the what-if HR saw, and the exact draft it was computed for. */
export interface AttachedWhatIf {
  draftVersionId: number;
  draftVersion: number;
  /** The draft's definition when the what-if ran; approval is refused if the draft changed since. */
  definition: string;
  report: WhatIfReport;
}

export function parseHalfId(half: string): string {
  const parsed = halfIdSchema.safeParse(half);
  if (!parsed.success) throw new DomainError("invalid_input", `"${half}" is not a half: ${parsed.error.issues[0]?.message ?? "use YYYY-H1"}`, { reason: "bad_half", half });
  return parsed.data;
}

export async function requireOpenReview(db: Db, half: string): Promise<RubricReview> {
  const review = await findRubricReview(db, half);
  if (!review) throw new DomainError("not_found", `no rubric review for ${half}`, { reason: "no_review", half });
  if (review.status !== "open") throw new DomainError("invalid_transition", `the ${half} review is already completed`, { reason: "review_completed", half });
  return review;
}

export function reviewAudit(ctx: Context, at: string, action: string, half: string, before: unknown, after: unknown) {
  return {
    at,
    actor_user_id: ctx.actor.userId,
    actor_label: ctx.actor.label,
    action,
    entity: "rubric_review",
    entity_id: half,
    before: before === null ? null : JSON.stringify(before),
    after: JSON.stringify(after),
  };
}

