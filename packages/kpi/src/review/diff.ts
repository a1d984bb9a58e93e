import type { MetricKey, Rubric, RubricMetric } from "../rubric/schema.ts";

export type RubricChange =
  | { kind: "name"; before: string; after: string }
  | { kind: "scale"; before: number; after: number }
  | { kind: "metric_added"; metric: MetricKey; dimension: string; weightBp: number }
  | { kind: "metric_removed"; metric: MetricKey; dimension: string; weightBp: number }
  | { kind: "weight"; metric: MetricKey; beforeBp: number; afterBp: number }
  | { kind: "min_sample"; metric: MetricKey; before: number; after: number }
  | { kind: "dimension"; metric: MetricKey; before: string; after: string }
  | { kind: "rule"; metric: MetricKey; before: RubricMetric["rule"]; after: RubricMetric["rule"] };

function metricsOf(rubric: Rubric): Map<MetricKey, { metric: RubricMetric; dimension: string }> {
  const out = new Map<MetricKey, { metric: RubricMetric; dimension: string }>();
  for (const d of rubric.dimensions) for (const m of d.metrics) out.set(m.key, { metric: m, dimension: d.key });
  return out;
}

/** What changed from `a` to `b`, metric by metric (for the side-by-side version diff). */
export function diffRubrics(a: Rubric, b: Rubric): RubricChange[] {
  const changes: RubricChange[] = [];
  if (a.name !== b.name) changes.push({ kind: "name", before: a.name, after: b.name });
  if (a.scale !== b.scale) changes.push({ kind: "scale", before: a.scale, after: b.scale });
  const ma = metricsOf(a);
  const mb = metricsOf(b);
  for (const [key, { metric, dimension }] of ma) {
    const other = mb.get(key);
    if (!other) {
      changes.push({ kind: "metric_removed", metric: key, dimension, weightBp: metric.weightBp });
      continue;
    }
    if (other.dimension !== dimension) changes.push({ kind: "dimension", metric: key, before: dimension, after: other.dimension });
    if (other.metric.weightBp !== metric.weightBp) changes.push({ kind: "weight", metric: key, beforeBp: metric.weightBp, afterBp: other.metric.weightBp });
    if (other.metric.minSample !== metric.minSample) changes.push({ kind: "min_sample", metric: key, before: metric.minSample, after: other.metric.minSample });
    if (JSON.stringify(other.metric.rule) !== JSON.stringify(metric.rule)) changes.push({ kind: "rule", metric: key, before: metric.rule, after: other.metric.rule });
  }
  for (const [key, { metric, dimension }] of mb) {
    if (!ma.has(key)) changes.push({ kind: "metric_added", metric: key, dimension, weightBp: metric.weightBp });
  }
  return changes;
}
