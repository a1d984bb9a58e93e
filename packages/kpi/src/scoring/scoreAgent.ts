import type { AgentFacts } from "../metrics/facts.ts";
import { METRIC_CATALOGUE, type MetricComputation, type MetricDefinition } from "../metrics/catalogue.ts";
import { round9 } from "../precision.ts";
import { applyPerChannel } from "../rules/perChannel.ts";
import type { RuleOutcome } from "../rules/outcome.ts";
import { applyScalarRule } from "../rules/scalar.ts";
import { RubricValidationError, validateRubric } from "../rubric/validate.ts";
import { CHANNELS, type Rubric, type RubricMetric } from "../rubric/schema.ts";
import { gradeFor } from "./grade.ts";
import type { AgentScore, MetricResult, MissingReason, ScoreStatus } from "./result.ts";

/** More missing weight than this (30 % of 10 000 bp) makes an agent insufficient: no composite, no grade, no rank. */
export const INSUFFICIENT_MISSING_WEIGHT_BP = 3000;

function computeFor(metric: RubricMetric, def: MetricDefinition, facts: AgentFacts): MetricComputation {
  const rule = metric.rule;
  // Only channels the rubric scores count toward the sample and appear in the explanation.
  if (rule.type === "per_channel") return def.compute(facts, { channels: CHANNELS.filter((c) => rule.channels[c]) });
  return def.compute(facts);
}

function missingReason(computation: MetricComputation, minSample: number): MissingReason | null {
  if (computation.raw === null || computation.sample <= 0) return "no_data";
  if (computation.sample < minSample) return "below_min_sample";
  return null;
}

function convert(metric: RubricMetric, def: MetricDefinition, computation: MetricComputation, scale: number): RuleOutcome {
  const context = { direction: def.direction, scale };
  if (metric.rule.type === "per_channel") {
    if (computation.kind !== "per_channel" || computation.raw === null) throw new TypeError(`${metric.key} has no per-channel values`);
    const perChannel = computation.raw;
    const channels = CHANNELS.flatMap((channel) => {
      const raw = perChannel[channel];
      const countedContacts = computation.countedContacts[channel] ?? 0;
      return raw === undefined ? [] : [{ channel, raw, countedContacts }];
    });
    return applyPerChannel(metric.rule, channels, context);
  }
  if (computation.kind !== "scalar" || computation.raw === null) throw new TypeError(`${metric.key} has no single value`);
  return applyScalarRule(metric.rule, computation.raw, context);
}

/**
 * Scores one agent's quarter with a rubric, keeping every step for the explanation:
 * raw sums → raw value → rule hit → points → normalised (0–100) → effective weight →
 * contribution.
 *
 * - A metric is missing with no data, or with a sample below its minimum; its weight is
 *   redistributed over the metrics present (composite = Σ wᵢ·normᵢ / Σ wᵢ, present only).
 * - Status: complete (nothing missing), incomplete (≤ 3000 bp missing: graded and ranked with
 *   a flag), insufficient (> 3000 bp missing, or no data at all: composite, grade, effective
 *   weights and contributions are null/0 — there is no composite for them to add up to).
 * - The grade is taken from the composite after round9.
 *
 * Throws RubricValidationError when the rubric does not validate: pay must never be computed
 * from a rubric whose weights or bands are wrong.
 */
export function scoreAgent(rubric: Rubric, facts: AgentFacts): AgentScore {
  const validation = validateRubric(rubric);
  if (!validation.ok) throw new RubricValidationError(validation.issues);

  const metrics: MetricResult[] = [];
  for (const dimension of rubric.dimensions) {
    for (const metric of dimension.metrics) {
      const def = METRIC_CATALOGUE[metric.key];
      const computation = computeFor(metric, def, facts);
      const missing = missingReason(computation, metric.minSample);
      const outcome = missing === null ? convert(metric, def, computation, rubric.scale) : null;
      metrics.push({
        key: metric.key,
        dimensionKey: dimension.key,
        rawSums: computation.rawSums,
        raw: computation.raw,
        sample: computation.sample,
        minSample: metric.minSample,
        missing,
        ruleHit: outcome?.hit ?? null,
        points: outcome?.points ?? null,
        normalized: outcome ? (outcome.points / rubric.scale) * 100 : null,
        weightBp: metric.weightBp,
        effectiveWeightPct: 0,
        contribution: null,
      });
    }
  }

  let presentWeightBp = 0;
  let missingWeightBp = 0;
  let weightedSum = 0;
  for (const m of metrics) {
    if (m.normalized === null) missingWeightBp += m.weightBp;
    else {
      presentWeightBp += m.weightBp;
      weightedSum += m.weightBp * m.normalized;
    }
  }

  const status: ScoreStatus =
    presentWeightBp === 0 || missingWeightBp > INSUFFICIENT_MISSING_WEIGHT_BP
      ? "insufficient"
      : missingWeightBp > 0
        ? "incomplete"
        : "complete";
  if (status === "insufficient") return { status, composite: null, grade: null, missingWeightBp, metrics };

  for (const m of metrics) {
    if (m.normalized === null) continue;
    m.effectiveWeightPct = (m.weightBp / presentWeightBp) * 100;
    m.contribution = (m.effectiveWeightPct / 100) * m.normalized;
  }
  const composite = weightedSum / presentWeightBp;
  return { status, composite, grade: gradeFor(round9(composite)), missingWeightBp, metrics };
}
