import type { MetricDirection } from "../metrics/catalogue.ts";
import { round9 } from "../precision.ts";

/**
 * How a coaching plan turned out, measured on the target quarter's stored result:
 * - `target_met`: the metric's raw value in the target quarter meets the target
 *   (≥ target for higher-is-better metrics, ≤ target for lower-is-better ones such as response times);
 * - `improved`: improved but not met — better than before (the quarter the weak item came from), target missed;
 * - `not_improved`: neither (equal or worse than before, or no "before" to compare with);
 * - `no_data`: the target quarter has no value for the metric, so nothing can be measured.
 */
export const PLAN_OUTCOMES = ["target_met", "improved", "not_improved", "no_data"] as const;
export type PlanOutcome = (typeof PLAN_OUTCOMES)[number];

export interface PlanMeasurement {
  direction: MetricDirection;
  /** The target on the metric's raw scale (e.g. FCR 90 = 90 %, chat response 30 = 30 s). */
  target: number;
  /** Raw value in the quarter the weak item came from; null when unknown. */
  before: number | null;
  /** Raw value in the target quarter; null when the metric has no data there. */
  after: number | null;
}

/** Whether `value` meets `target` in the metric's direction (boundary counts as met; compared after round9). */
export function meetsTarget(direction: MetricDirection, value: number, target: number): boolean {
  const v = round9(value);
  const t = round9(target);
  return direction === "higher_is_better" ? v >= t : v <= t;
}

/** Whether `after` is strictly better than `before` in the metric's direction (compared after round9). */
export function isImprovement(direction: MetricDirection, before: number, after: number): boolean {
  const b = round9(before);
  const a = round9(after);
  return direction === "higher_is_better" ? a > b : a < b;
}

/** Classifies a plan's effectiveness: target met / improved but not met / not improved (or no data). */
export function classifyPlanOutcome({ direction, target, before, after }: PlanMeasurement): PlanOutcome {
  if (after === null) return "no_data";
  if (meetsTarget(direction, after, target)) return "target_met";
  if (before !== null && isImprovement(direction, before, after)) return "improved";
  return "not_improved";
}

/** Whether a target is ambitious enough to count as a goal: it must be strictly better than the current value. */
export function targetImprovesOn(direction: MetricDirection, current: number | null, target: number): boolean {
  return current === null || isImprovement(direction, current, target);
}
