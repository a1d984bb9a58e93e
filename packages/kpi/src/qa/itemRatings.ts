import type { ItemRatingSums } from "../metrics/facts.ts";
import type { ItemRatedMetricKey } from "../rubric/schema.ts";
import { type QaFormDefinition, qaFormItems } from "./form.ts";
import type { QaItemScore, QaScore } from "./score.ts";

/**
 * Seed 000 rates each of its item metrics 5 / 3 / 1. A QA form item is scored in points
 * instead (graded options or deductions), so its rating is read from how it was scored:
 * full marks → 5, failed (a failing option, or deductions at the item's fail threshold) → 1,
 * anything between → 3. Bonus points and the fatal rule change the evaluation's total,
 * not how well one item was done, so they do not enter the rating.
 */
export type QaItemRating = 5 | 3 | 1;

export function qaItemRating(item: QaItemScore): QaItemRating {
  if (item.failed) return 1;
  return item.points >= item.maxPoints ? 5 : 3;
}

/**
 * One evaluation's contribution to the item-rated metrics: one rating per item tagged with a
 * metric. Untagged items feed nothing; several items tagged with the same metric each count.
 */
export function qaItemRatings(form: QaFormDefinition, score: QaScore): Partial<Record<ItemRatedMetricKey, ItemRatingSums>> {
  const metricOf = new Map(qaFormItems(form).map((item) => [item.key, item.metricKey]));
  const sums: Partial<Record<ItemRatedMetricKey, ItemRatingSums>> = {};
  for (const item of score.items) {
    const metric = metricOf.get(item.itemKey);
    if (metric === undefined) continue;
    const into = (sums[metric] ??= { ratings: 0, ratingSum: 0 });
    into.ratings += 1;
    into.ratingSum += qaItemRating(item);
  }
  return sums;
}

/** Adds one set of rating sums into another (the quarter's running totals). */
export function addItemRatings(
  into: Partial<Record<ItemRatedMetricKey, ItemRatingSums>>,
  more: Partial<Record<ItemRatedMetricKey, ItemRatingSums>>,
): void {
  for (const [metric, add] of Object.entries(more) as [ItemRatedMetricKey, ItemRatingSums][]) {
    const sums = (into[metric] ??= { ratings: 0, ratingSum: 0 });
    sums.ratings += add.ratings;
    sums.ratingSum += add.ratingSum;
  }
}
