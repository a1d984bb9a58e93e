import type { MetricDirection } from "../metrics/catalogue.ts";
import type { ScalarRule } from "../rubric/schema.ts";
import { applyBands } from "./bands.ts";
import { applyLinear } from "./linear.ts";
import type { RuleOutcome, ScalarRuleHit } from "./outcome.ts";
import { applyStep } from "./step.ts";

/** Converts one raw value with a bands, step or linear rule into points on the rubric's scale. */
export function applyScalarRule(
  rule: ScalarRule,
  raw: number,
  context: { direction: MetricDirection; scale: number },
): RuleOutcome<ScalarRuleHit> {
  switch (rule.type) {
    case "bands":
      return applyBands(rule, raw, context.direction);
    case "step":
      return applyStep(rule, raw);
    case "linear":
      return applyLinear(rule, raw, context.scale);
  }
}
