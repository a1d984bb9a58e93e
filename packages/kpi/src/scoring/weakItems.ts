import { round9 } from "../precision.ts";
import type { AgentScore, MetricResult } from "./result.ts";

/** A metric with data scoring under this (normalised 0–100) is a weak item and gets a coaching suggestion. */
export const WEAK_ITEM_THRESHOLD_NORMALIZED = 70;

/** Whether one metric result is a weak item: it has a score (not missing) and that score is under 70/100. */
export function isWeakMetric(metric: MetricResult): boolean {
  return metric.normalized !== null && round9(metric.normalized) < WEAK_ITEM_THRESHOLD_NORMALIZED;
}

/** The agent's weak items, in rubric order (QA 68.75 in the worked example). */
export function weakMetrics(score: AgentScore): MetricResult[] {
  return score.metrics.filter(isWeakMetric);
}
