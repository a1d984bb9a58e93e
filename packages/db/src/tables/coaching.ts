import type { Generated, Insertable, Selectable, Updateable } from "kysely";
import type { Flag, IsoDate, Timestamp } from "../tables.ts";

/** Kinds of intervention in the coaching catalogue (seed 000: 1:1 mentoring, course, shadowing, knowledge test…). */
export const INTERVENTION_KINDS = ["mentoring", "course", "shadowing", "knowledge_test", "workshop"] as const;
export type InterventionKind = (typeof INTERVENTION_KINDS)[number];

/** One entry of the intervention catalogue, edited by HR. */
export interface CoachingInterventionTable {
  id: Generated<number>;
  name: string;
  kind: InterventionKind;
  description: string;
  /** 0 = retired: no longer suggested, kept for the history of plans that used it. */
  active: Flag;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** Which metrics an intervention addresses (a weak item on one of them suggests it). */
export interface CoachingInterventionMetricTable {
  intervention_id: number;
  metric_key: string;
}

/** A coaching plan assigned to an agent, with a measurable target on one metric. */
export interface CoachingPlanTable {
  id: Generated<number>;
  agent_id: number;
  /** The agent's team when the plan was assigned; managers of this team follow it up. */
  team_id: number;
  intervention_id: number;
  /** The quarter whose weak item led to the plan ("before"); null when assigned without one. */
  source_quarter_id: string | null;
  /** The quarter the target applies to ("after"); evaluated when it is calculated. */
  target_quarter_id: string;
  metric_key: string;
  dimension_key: string | null;
  /** On the metric's raw scale: ≥ for higher-is-better metrics, ≤ for lower-is-better ones. */
  target_value: number;
  /** The mentor: the user who owns the plan's follow-up. */
  owner_user_id: number;
  due_date: IsoDate;
  activities: string;
  status: "assigned" | "acknowledged" | "in_progress" | "completed" | "cancelled";
  assigned_by_user_id: number | null;
  assigned_by_label: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  acknowledged_at: Timestamp | null;
  /** Metric raw value / normalized score in the source quarter. */
  before_value: number | null;
  before_normalized: number | null;
  /** Filled in when the target quarter is calculated. */
  after_value: number | null;
  after_normalized: number | null;
  outcome: "target_met" | "improved" | "not_improved" | "no_data" | null;
  evaluated_at: Timestamp | null;
}

/** Progress notes from the manager, the mentor and the agent. Append-only. */
export interface CoachingPlanNoteTable {
  id: Generated<number>;
  plan_id: number;
  author_user_id: number | null;
  author_label: string;
  body: string;
  created_at: Timestamp;
}

export interface CoachingTables {
  coaching_interventions: CoachingInterventionTable;
  coaching_intervention_metrics: CoachingInterventionMetricTable;
  coaching_plans: CoachingPlanTable;
  coaching_plan_notes: CoachingPlanNoteTable;
}

export type CoachingIntervention = Selectable<CoachingInterventionTable>;
export type NewCoachingIntervention = Insertable<CoachingInterventionTable>;
export type CoachingInterventionUpdate = Updateable<CoachingInterventionTable>;
export type CoachingPlan = Selectable<CoachingPlanTable>;
export type NewCoachingPlan = Insertable<CoachingPlanTable>;
export type CoachingPlanUpdate = Updateable<CoachingPlanTable>;
export type CoachingPlanNote = Selectable<CoachingPlanNoteTable>;
export type NewCoachingPlanNote = Insertable<CoachingPlanNoteTable>;
