import type { Generated, Insertable, Selectable, Updateable } from "kysely";

export const RUBRIC_REVIEW_STATUSES = ["open", "completed"] as const;
export type RubricReviewStatus = (typeof RUBRIC_REVIEW_STATUSES)[number];

/** "adopt": approve the attached draft version; "keep": the current rubric stays. */
export const RUBRIC_REVIEW_DECISIONS = ["adopt", "keep"] as const;
export type RubricReviewDecision = (typeof RUBRIC_REVIEW_DECISIONS)[number];

/** The semiannual review of the rubric, one per half. */
export interface RubricReviewTable {
  id: Generated<number>;
  /** `YYYY-H1` / `YYYY-H2`; one review per half. */
  half: string;
  status: RubricReviewStatus;
  /** The draft version under review (null until one is attached). */
  draft_version_id: number | null;
  /** The attached what-if: a JSON snapshot of the summary HR saw. */
  whatif: string | null;
  whatif_at: string | null;
  decision: RubricReviewDecision | null;
  rationale: string | null;
  /** First quarter of the approved version, when the decision was "adopt". */
  effective_from: string | null;
  opened_at: string;
  opened_by: string;
  decided_at: string | null;
  decided_by: string | null;
  completed_at: string | null;
  completed_by: string | null;
}

export interface RubricsTables {
  rubric_reviews: RubricReviewTable;
}

export type RubricReview = Selectable<RubricReviewTable>;
export type NewRubricReview = Insertable<RubricReviewTable>;
export type RubricReviewUpdate = Updateable<RubricReviewTable>;
