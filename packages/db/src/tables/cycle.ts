import type { Generated, Insertable, Selectable } from "kysely";
import type { Timestamp } from "../tables.ts";

/** Rules an award type can use; each is a pure function in @starboard/kpi (awards/). */
export const AWARD_RULES = ["service_star", "most_improved"] as const;
export type AwardRule = (typeof AWARD_RULES)[number];

export const NOMINATION_STATUSES = ["nominated", "approved", "rejected", "withdrawn"] as const;
export type NominationStatus = (typeof NOMINATION_STATUSES)[number];

export const RESULT_COMMENT_KINDS = ["manager", "agent", "appeal"] as const;
export type ResultCommentKind = (typeof RESULT_COMMENT_KINDS)[number];

/** A configurable award: name, rule, incentive amount and currency. */
export interface AwardTypeTable {
  id: Generated<number>;
  /** Stable key, e.g. "service_star". */
  key: string;
  name: string;
  rule: AwardRule;
  /** Incentive per award in `currency`, full precision (rounded only on a payout line). */
  amount: number;
  currency: string;
  active: 0 | 1;
  created_at: Timestamp;
}

/** One agent nominated for one award in one quarter, and HR's decision. */
export interface AwardNominationTable {
  id: Generated<number>;
  quarter_id: string;
  agent_id: number;
  award_type_id: number;
  status: NominationStatus;
  /** HR's reason for approving/rejecting, or why it was withdrawn. */
  reason: string | null;
  nominated_at: Timestamp;
  decided_by: string | null;
  decided_at: Timestamp | null;
}

/** History of HR adjustments (the current value lives in quarter_results.adjustment). */
export interface ResultAdjustmentTable {
  id: Generated<number>;
  quarter_id: string;
  agent_id: number;
  adjustment: number;
  reason: string;
  actor_user_id: number | null;
  actor_label: string;
  at: Timestamp;
}

/** Manager comments on a result, and an agent's comment or appeal after publication. */
export interface ResultCommentTable {
  id: Generated<number>;
  quarter_id: string;
  agent_id: number;
  kind: ResultCommentKind;
  body: string;
  author_user_id: number | null;
  author_label: string;
  at: Timestamp;
}

/** An agent's acknowledgement of their published appraisal. */
export interface AppraisalAcknowledgementTable {
  quarter_id: string;
  agent_id: number;
  user_id: number;
  at: Timestamp;
}

/**
 * Before-image of a fact row an import REPLACED (written inside upsertFactBatch). Added rows
 * need none: they are the rows carrying the import's id.
 */
export interface ImportReplacedRowTable {
  id: Generated<number>;
  import_id: number;
  fact_table: string;
  /** The natural key as JSON (for reading only; matching uses the restored row itself). */
  key_json: string;
  /** The import that had written the replaced row (null for rows written outside an import). */
  before_import_id: number | null;
  /** The whole row before it was replaced, as JSON. */
  before_json: string;
  row_date: string;
}

/** An import that was rolled back. */
export interface ImportRollbackTable {
  import_id: number;
  actor_user_id: number | null;
  actor_label: string;
  at: Timestamp;
  /** Quarters the import had touched, comma-separated (it keeps its place in their history). */
  quarters: string;
}

export interface CycleTables {
  award_types: AwardTypeTable;
  award_nominations: AwardNominationTable;
  result_adjustments: ResultAdjustmentTable;
  result_comments: ResultCommentTable;
  appraisal_acknowledgements: AppraisalAcknowledgementTable;
  import_replaced_rows: ImportReplacedRowTable;
  import_rollbacks: ImportRollbackTable;
}

export type AwardType = Selectable<AwardTypeTable>;
export type NewAwardType = Insertable<AwardTypeTable>;
export type AwardNomination = Selectable<AwardNominationTable>;
export type NewAwardNomination = Insertable<AwardNominationTable>;
export type ResultAdjustment = Selectable<ResultAdjustmentTable>;
export type ResultComment = Selectable<ResultCommentTable>;
export type AppraisalAcknowledgement = Selectable<AppraisalAcknowledgementTable>;
export type ImportReplacedRow = Selectable<ImportReplacedRowTable>;
export type NewImportReplacedRow = Insertable<ImportReplacedRowTable>;
