/**
 * Serializable view models the dashboard loaders return and the components render. Numbers
 * that are shown to 1 decimal are already rounded on the server (band-aware, by the engine's
 * precision rules), so the browser only formats them for the locale.
 */
import type { QuarterState } from "@starboard/db";

export type Grade = "A" | "B" | "C" | "D" | "E";
export type ScoreStatus = "complete" | "incomplete" | "insufficient";
export type Direction = "higher_is_better" | "lower_is_better";
export type MetricUnit = "seconds" | "percent" | "rating" | "pct_score";

export interface QuarterOptionView {
  id: string;
  state: QuarterState;
  calculated: boolean;
}

/** A raw value already rounded to 1 decimal inside the band/step it landed in. */
export type RuleHitView =
  | { type: "bands"; value: number; lower: number | null; upper: number | null; direction: Direction; points: number }
  | {
      type: "step";
      value: number;
      threshold: number;
      step: number;
      excess: number;
      steps: number;
      pointsPerStep: number;
      top: number;
      floor: number;
      points: number;
    }
  | { type: "linear"; value: number; factor: number; points: number; capped: boolean }
  | {
      type: "per_channel";
      channels: Array<{ channel: string; value: number; countedContacts: number; hit: RuleHitView }>;
      points: number;
    };

export interface MetricView {
  key: string;
  dimensionKey: string;
  dimensionName: string;
  unit: MetricUnit;
  rawSums: Array<{ key: string; value: number }>;
  /** Display value of a scalar raw value (1 decimal, band-aware); null for per-channel or missing. */
  rawDisplay: number | null;
  sample: number;
  minSample: number;
  missing: "no_data" | "below_min_sample" | null;
  hit: RuleHitView | null;
  points: number | null;
  scale: number;
  /** 0–100, 1 decimal, rounded toward the inside of the weak/not-weak side. */
  normalized: number | null;
  weak: boolean;
  weightPct: number;
  effectiveWeightPct: number;
  contribution: number | null;
  /** Team average normalized score for this metric in the same quarter (aggregate only). */
  teamAverage: number | null;
}

export interface AgentResultView {
  quarterId: string;
  teamId: number;
  teamName: string;
  status: ScoreStatus;
  /** Final composite shown (1 decimal inside its grade band); null when insufficient. */
  compositeDisplay: number | null;
  /** Exact Σ contributions (computed composite, full precision). */
  compositeExact: number | null;
  adjustment: number;
  computedDisplay: number | null;
  grade: Grade | null;
  rankTeam: number | null;
  rankOrg: number | null;
  rankedInTeam: number;
  rankedInOrg: number;
  nextGrade: { grade: Grade; points: number } | null;
  metrics: MetricView[];
  weakCount: number;
  teamAverageComposite: number | null;
}

export interface TrendPoint {
  quarterId: string;
  composite: number | null;
  grade: Grade | null;
  status: ScoreStatus;
  teamAverage: number | null;
}

export interface AgentPageData {
  agent: { code: string; name: string; teamId: number; teamName: string };
  quarter: QuarterOptionView | null;
  quarters: QuarterOptionView[];
  result: AgentResultView | null;
  trend: TrendPoint[];
  weakThreshold: number;
  /** Whether the viewer may open the team page (HR, the team's manager). */
  canViewTeam: boolean;
}
