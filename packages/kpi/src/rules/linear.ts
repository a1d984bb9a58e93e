import type { LinearRule } from "../rubric/schema.ts";
import type { RuleOutcome } from "./outcome.ts";

type LinearHit = Extract<RuleOutcome["hit"], { type: "linear" }>;

/**
 * points = clamp(raw × factor, 0, scale), e.g. QA 68.75 % × 0.1 = 6.875 points of 10.
 * Kept in full precision (no rounding: nothing is compared with a boundary here).
 * `capped` tells the explanation that the value earned more than the scale allows.
 */
export function applyLinear(rule: LinearRule, raw: number, scale: number): RuleOutcome<LinearHit> {
  const unclamped = raw * rule.factor;
  const points = Math.min(scale, Math.max(0, unclamped));
  return { points, hit: { type: "linear", factor: rule.factor, points, capped: unclamped > scale } };
}
