import type { MetricDirection } from "../metrics/catalogue.ts";
import { intervalContains, round9 } from "../precision.ts";
import type { BandsRule } from "../rubric/schema.ts";
import type { RuleOutcome } from "./outcome.ts";

type BandsHit = Extract<RuleOutcome["hit"], { type: "bands" }>;

/**
 * Points from the band the raw value falls in. Bands are contiguous and listed best first;
 * closedness follows the direction ([lower, upper) when higher is better, (lower, upper]
 * when lower is better) so a value exactly on a boundary gets the better band. The value is
 * compared after round9, so float noise never flips a band.
 *
 * Throws when no band contains the value: validateRubric guarantees the bands cover the
 * metric's domain, so this only happens with an unvalidated rubric or impossible facts —
 * and scoring pay from a guess would be worse than stopping.
 */
export function applyBands(rule: BandsRule, raw: number, direction: MetricDirection): RuleOutcome<BandsHit> {
  const bandIndex = rule.bands.findIndex((band) => intervalContains(band, raw, direction));
  const band = rule.bands[bandIndex];
  if (!band) throw new RangeError(`no band contains ${round9(raw)}; the rubric's bands do not cover this value`);
  return { points: band.points, hit: { type: "bands", bandIndex, band, direction, points: band.points } };
}
