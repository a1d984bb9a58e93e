import type { Generated, Insertable, Selectable, Updateable } from "kysely";
import type { Flag, Timestamp } from "../tables.ts";

/** A version of a QA form. Editing a form in use adds the next version; evaluations keep theirs. */
export interface QaFormTable {
  id: Generated<number>;
  /** Stable key shared by every version, e.g. "call_quality". */
  form_key: string;
  version: number;
  name: string;
  /** The form as JSON, valid under the engine's qaFormDefinitionSchema. */
  definition: string;
  max_points: number;
  /** 1 = the newest version, the one new evaluations use. */
  current: Flag;
  created_at: Timestamp;
  created_by: string;
}

/** One imported contact (contacts.csv), the population QA samples from. */
export interface QaContactTable {
  contact_id: string;
  /** ISO date-time, UTC. */
  started_at: Timestamp;
  agent_id: number;
  channel: string;
  duration_sec: number;
  sla_missed: Flag;
  complaint: Flag;
  import_id: number | null;
}

export type QaScoringStatus = "in_review" | "calibration" | "final";

/** An evaluation scored inside Starboard (the imported ones live in qa_evaluations only). */
export interface QaScoringTable {
  id: Generated<number>;
  agent_id: number;
  form_id: number;
  contact_id: string | null;
  /** ISO date of the evaluation; its quarter is the quarter the score counts in. */
  date: string;
  dual: Flag;
  blind: Flag;
  status: QaScoringStatus;
  created_at: Timestamp;
  created_by_user_id: number | null;
  created_by: string;
  finalized_at: Timestamp | null;
  /** How the final score came about: a single review, agreed dual reviews, a calibration consensus, a dispute re-score. */
  final_source: "review" | "agreed" | "consensus" | "dispute" | null;
  final_answers: string | null;
  final_points: number | null;
  final_pct: number | null;
  final_fatal: Flag | null;
  final_passed: Flag | null;
}

/** One reviewer's independent review of a scoring (one, or two for a dual review). */
export interface QaReviewTable {
  id: Generated<number>;
  scoring_id: number;
  reviewer_user_id: number;
  reviewer_label: string;
  /** Null until submitted. */
  answers: string | null;
  total_points: number | null;
  score_pct: number | null;
  fatal: Flag | null;
  passed: Flag | null;
  submitted_at: Timestamp | null;
}

export type QaDisputeStatus = "open" | "accepted" | "rejected";

export interface QaDisputeTable {
  id: Generated<number>;
  scoring_id: number;
  agent_id: number;
  reason: string;
  filed_at: Timestamp;
  filed_by: string;
  status: QaDisputeStatus;
  resolution_reason: string | null;
  resolved_at: Timestamp | null;
  resolved_by: string | null;
  /** Final score before and after the resolution, as JSON. */
  before: string | null;
  after: string | null;
}

/** A month's stored sampling plan; shown again until HR regenerates it. */
export interface QaSamplePlanTable {
  /** YYYY-MM */
  month: string;
  seed: number;
  generated_at: Timestamp;
  generated_by: string;
}

export interface QaSamplePickTable {
  month: string;
  contact_id: string;
  agent_id: number;
  kind: "random" | "targeted";
  reason: string | null;
  reviewer_user_id: number | null;
}

export interface QaTables {
  qa_forms: QaFormTable;
  qa_contacts: QaContactTable;
  qa_scorings: QaScoringTable;
  qa_reviews: QaReviewTable;
  qa_disputes: QaDisputeTable;
  qa_sample_plans: QaSamplePlanTable;
  qa_sample_picks: QaSamplePickTable;
}

export type QaForm = Selectable<QaFormTable>;
export type NewQaForm = Insertable<QaFormTable>;
export type QaContact = Selectable<QaContactTable>;
export type NewQaContact = Insertable<QaContactTable>;
export type QaScoring = Selectable<QaScoringTable>;
export type NewQaScoring = Insertable<QaScoringTable>;
export type QaScoringUpdate = Updateable<QaScoringTable>;
export type QaReview = Selectable<QaReviewTable>;
export type NewQaReview = Insertable<QaReviewTable>;
export type QaDispute = Selectable<QaDisputeTable>;
export type NewQaDispute = Insertable<QaDisputeTable>;
export type QaSamplePlan = Selectable<QaSamplePlanTable>;
export type QaSamplePick = Selectable<QaSamplePickTable>;
export type NewQaSamplePick = Insertable<QaSamplePickTable>;
