import type { RuleHit } from "../scoring/result.ts";

/** What a rule produced for one raw value: points on the rubric's scale and the part of the rule that fired. */
export interface RuleOutcome<H extends RuleHit = RuleHit> {
  points: number;
  hit: H;
}

export type ScalarRuleHit = Exclude<RuleHit, { type: "per_channel" }>;
