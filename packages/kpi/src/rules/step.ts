import { round9 } from "../precision.ts";
import type { StepRule } from "../rubric/schema.ts";
import type { RuleOutcome } from "./outcome.ts";

type StepHit = Extract<RuleOutcome["hit"], { type: "step" }>;

/**
 * Step deduction for lower-is-better values (response times): every full `step` over the
 * threshold costs `pointsPerStep`, down to `floor`.
 *   excess = max(0, raw − threshold); points = max(floor, top − pointsPerStep × ⌊excess / step⌋)
 * Both the excess and the quotient go through round9 before floor(), so 39.99999999999999 s
 * over a 30 s threshold with 10 s steps is one full step (it is 40 s), not zero.
 */
export function applyStep(rule: StepRule, raw: number): RuleOutcome<StepHit> {
  const excess = Math.max(0, round9(raw - rule.threshold));
  const steps = Math.floor(round9(excess / rule.step));
  const points = Math.max(rule.floor, rule.top - rule.pointsPerStep * steps);
  return {
    points,
    hit: {
      type: "step",
      threshold: rule.threshold,
      step: rule.step,
      excess,
      steps,
      pointsPerStep: rule.pointsPerStep,
      top: rule.top,
      floor: rule.floor,
      points,
    },
  };
}
