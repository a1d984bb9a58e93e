import { METRIC_KEYS, type MetricKey, type Rubric } from "../rubric/schema.ts";
import type { RubricIssue } from "../rubric/validate.ts";

/** A parsed `--weights first_contact_resolution=30,csat=35` list: metric key → weight in basis points. */
export type WeightOverrides = Map<MetricKey, number>;

export type WeightsParse = { ok: true; weights: WeightOverrides } | { ok: false; issues: RubricIssue[] };

const PCT = /^\d{1,3}(\.\d{1,2})?$/;

/**
 * Parses `metric=pct,metric=pct…`. Percentages have at most two decimals (12.5 → 1250 bp) so
 * they convert to whole basis points exactly. Every problem is reported, not just the first.
 */
export function parseWeightOverrides(text: string): WeightsParse {
  const issues: RubricIssue[] = [];
  const weights: WeightOverrides = new Map();
  const parts = text.split(",").map((p) => p.trim());
  parts.forEach((part, i) => {
    const at = `--weights[${i}]`;
    const eq = part.indexOf("=");
    if (eq <= 0) {
      issues.push({ path: at, code: "weights_syntax", message: `"${part}" is not metric=percent (e.g. csat=35)`, messageKey: "weights_syntax", params: { part } });
      return;
    }
    const key = part.slice(0, eq).trim();
    const pct = part.slice(eq + 1).trim();
    if (!(METRIC_KEYS as readonly string[]).includes(key)) {
      issues.push({ path: at, code: "weights_unknown_metric", message: `"${key}" is not a metric; known metrics: ${METRIC_KEYS.join(", ")}`, messageKey: "weights_unknown_metric", params: { key, known: METRIC_KEYS.join(", ") } });
      return;
    }
    if (!PCT.test(pct)) {
      issues.push({ path: at, code: "weights_bad_percent", message: `"${pct}" is not a percentage with at most two decimals (e.g. 35 or 12.5)`, messageKey: "weights_bad_percent", params: { pct } });
      return;
    }
    if (weights.has(key as MetricKey)) {
      issues.push({ path: at, code: "weights_duplicate", message: `${key} is given twice`, messageKey: "weights_duplicate", params: { key } });
      return;
    }
    weights.set(key as MetricKey, Math.round(Number(pct) * 100));
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, weights };
}

/**
 * A copy of `rubric` with the given metrics re-weighted; unnamed metrics keep their weight.
 * Naming a metric the rubric does not score is a problem (re-weighting never adds metrics).
 * The result is NOT validated here: run validateRubric on it (weights must total 100 %).
 */
export function reweightRubric(rubric: Rubric, weights: WeightOverrides): { rubric: Rubric; issues: RubricIssue[] } {
  const copy = structuredClone(rubric) as Rubric;
  const used = new Set<MetricKey>();
  for (const dimension of copy.dimensions) {
    for (const metric of dimension.metrics) {
      const bp = weights.get(metric.key);
      if (bp !== undefined) {
        metric.weightBp = bp;
        used.add(metric.key);
      }
    }
  }
  const issues: RubricIssue[] = [...weights.keys()]
    .filter((key) => !used.has(key))
    .map((key) => ({ path: "--weights", code: "weights_metric_not_in_rubric", message: `${key} is not scored by "${rubric.name}" — re-weighting cannot add a metric`, messageKey: "weights_metric_not_in_rubric", params: { key, rubric: rubric.name } }));
  return { rubric: copy, issues };
}
