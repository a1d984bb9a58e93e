import {
  type AgentScore,
  type Interval,
  isWeakMetric,
  METRIC_CATALOGUE,
  type MetricResult,
  type Rubric,
  type RuleHit,
  roundOneDecimalInBand,
  round9,
  WEAK_ITEM_THRESHOLD_NORMALIZED,
} from "@starboard/kpi";
import type { MetricView, RuleHitView } from "~/components/dashboard/types";

/**
 * Turns the engine's stored explanation (AgentScore) into what the page shows. Every number
 * displayed to 1 decimal is rounded here with the engine's band-aware rounding, so a shown
 * value never contradicts the band, step or weak-item line it is compared with.
 */

type ScalarHit = Exclude<RuleHit, { type: "per_channel" }>;

/** Interval a step rule's raw value lies in for its number of full steps, [lower, upper). */
function stepInterval(hit: Extract<RuleHit, { type: "step" }>): Interval {
  if (hit.steps === 0) return { lower: null, upper: hit.threshold + hit.step };
  return { lower: hit.threshold + hit.steps * hit.step, upper: hit.threshold + (hit.steps + 1) * hit.step };
}

function scalarHitView(hit: ScalarHit, raw: number): RuleHitView {
  switch (hit.type) {
    case "bands":
      return {
        type: "bands",
        value: roundOneDecimalInBand(raw, hit.band, hit.direction),
        lower: hit.band.lower,
        upper: hit.band.upper,
        direction: hit.direction,
        points: hit.points,
      };
    case "step":
      return {
        type: "step",
        value: roundOneDecimalInBand(raw, stepInterval(hit), "higher_is_better"),
        threshold: hit.threshold,
        step: hit.step,
        excess: round9(hit.excess),
        steps: hit.steps,
        pointsPerStep: hit.pointsPerStep,
        top: hit.top,
        floor: hit.floor,
        points: hit.points,
      };
    case "linear":
      return { type: "linear", value: round9(raw), factor: hit.factor, points: round9(hit.points), capped: hit.capped };
  }
}

function hitView(metric: MetricResult): RuleHitView | null {
  const hit = metric.ruleHit;
  const raw = metric.raw;
  if (!hit || raw === null) return null;
  if (hit.type === "per_channel") {
    const perChannel = typeof raw === "object" ? raw : {};
    return {
      type: "per_channel",
      points: round9(hit.points),
      channels: hit.channels.map((c) => {
        const channelHit = scalarHitView(c.hit, perChannel[c.channel] ?? c.raw);
        return {
          channel: c.channel,
          value: channelHit.type === "per_channel" ? round9(c.raw) : channelHit.value,
          countedContacts: c.countedContacts,
          hit: channelHit,
        };
      }),
    };
  }
  return typeof raw === "number" ? scalarHitView(hit, raw) : null;
}

/** Normalized score to 1 decimal, kept on its side of the weak-item line (69.96 → 69.9, still weak). */
export function displayNormalized(normalized: number | null): number | null {
  if (normalized === null) return null;
  const weakSide: Interval =
    round9(normalized) < WEAK_ITEM_THRESHOLD_NORMALIZED
      ? { lower: null, upper: WEAK_ITEM_THRESHOLD_NORMALIZED }
      : { lower: WEAK_ITEM_THRESHOLD_NORMALIZED, upper: null };
  return roundOneDecimalInBand(normalized, weakSide, "higher_is_better");
}

export function metricViews(
  score: AgentScore,
  rubric: Rubric,
  teamAverages: ReadonlyMap<string, number | null> = new Map(),
): MetricView[] {
  const dimensionNames = new Map(rubric.dimensions.map((d) => [d.key, d.name]));
  return score.metrics.map((m) => {
    const definition = METRIC_CATALOGUE[m.key];
    const hit = hitView(m);
    return {
      key: m.key,
      dimensionKey: m.dimensionKey,
      dimensionName: dimensionNames.get(m.dimensionKey) ?? m.dimensionKey,
      unit: definition.unit,
      rawSums: Object.entries(m.rawSums).map(([key, value]) => ({ key, value: round9(value) })),
      rawDisplay: hit && hit.type !== "per_channel" ? hit.value : typeof m.raw === "number" ? round9(m.raw) : null,
      sample: m.sample,
      minSample: m.minSample,
      missing: m.missing,
      hit,
      points: m.points === null ? null : round9(m.points),
      scale: rubric.scale,
      normalized: displayNormalized(m.normalized),
      weak: isWeakMetric(m),
      weightPct: m.weightBp / 100,
      effectiveWeightPct: round9(m.effectiveWeightPct),
      contribution: m.contribution === null ? null : round9(m.contribution),
      teamAverage: displayNormalized(teamAverages.get(m.key) ?? null),
    };
  });
}
