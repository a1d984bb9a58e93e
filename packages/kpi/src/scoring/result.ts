import type { Band, Channel, MetricKey } from "../rubric/schema.ts";

export const SCORE_STATUSES = ["complete", "incomplete", "insufficient"] as const;
export type ScoreStatus = (typeof SCORE_STATUSES)[number];

export const GRADES = ["A", "B", "C", "D", "E"] as const;
export type Grade = (typeof GRADES)[number];

export type MissingReason = "no_data" | "below_min_sample";

/** Which part of a rule produced the points; shown in "how was this computed". */
export type RuleHit =
  | { type: "bands"; bandIndex: number; band: Band; direction: "higher_is_better" | "lower_is_better"; points: number }
  | { type: "step"; threshold: number; step: number; excess: number; steps: number; pointsPerStep: number; top: number; floor: number; points: number }
  | { type: "linear"; factor: number; points: number; capped: boolean }
  | {
      type: "per_channel";
      channels: Array<{ channel: Channel; raw: number; countedContacts: number; hit: Exclude<RuleHit, { type: "per_channel" }> }>;
      points: number;
    };

/** One metric of one agent's quarter, with every step from raw sums to contribution. */
export interface MetricResult {
  key: MetricKey;
  dimensionKey: string;
  /** The sums the raw value was computed from, named (e.g. { resolvedFirstContact: 1710, resolved: 1900 }). */
  rawSums: Record<string, number>;
  /** Raw value; for first_response_time an object of per-channel average seconds. Null when there is no data. */
  raw: number | Partial<Record<Channel, number>> | null;
  /** The count behind the metric, compared with minSample. */
  sample: number;
  minSample: number;
  missing: MissingReason | null;
  ruleHit: RuleHit | null;
  /** On the rubric's scale (0–5 or 0–10); null when missing. */
  points: number | null;
  /** points / scale × 100; null when missing. */
  normalized: number | null;
  /** The rubric's weight in basis points. */
  weightBp: number;
  /** Percent of the composite after redistributing missing weight; 0 when missing. */
  effectiveWeightPct: number;
  /** effectiveWeightPct / 100 × normalized; null when missing. */
  contribution: number | null;
}

export interface AgentScore {
  status: ScoreStatus;
  /** Weighted composite 0–100 in full precision; null when insufficient. */
  composite: number | null;
  grade: Grade | null;
  /** Weight (bp) of metrics that were missing. */
  missingWeightBp: number;
  metrics: MetricResult[];
}
