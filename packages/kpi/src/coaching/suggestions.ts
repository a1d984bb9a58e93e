import type { AgentScore, MetricResult } from "../scoring/result.ts";
import { weakMetrics } from "../scoring/weakItems.ts";

/** An entry of the intervention catalogue, reduced to what the suggestion rule needs. */
export interface InterventionForSuggestion {
  id: number;
  /** Metrics this intervention addresses. */
  metricKeys: readonly string[];
  active: boolean;
}

export interface WeakItemSuggestion<I extends InterventionForSuggestion> {
  metric: MetricResult;
  /** Active interventions mapped to the weak metric, in catalogue order; may be empty. */
  interventions: I[];
}

/**
 * One suggestion per weak item (a metric with data under 70/100, the rule in weakItems.ts),
 * in rubric order, each with the active interventions the catalogue maps to that metric.
 */
export function suggestForScore<I extends InterventionForSuggestion>(score: AgentScore, catalogue: readonly I[]): WeakItemSuggestion<I>[] {
  return weakMetrics(score).map((metric) => ({
    metric,
    interventions: catalogue.filter((i) => i.active && i.metricKeys.includes(metric.key)),
  }));
}
