import { round9 } from "../precision.ts";

export interface Ranked<T> {
  item: T;
  /** 1 = best; null when the item has no score (insufficient data) and is not ranked. */
  rank: number | null;
}

/**
 * Standard competition ranking ("1224"): equal scores share a rank and the next rank skips
 * (scores 90, 90, 85 → 1, 1, 3). Higher is better. Scores are compared after round9 so two
 * composites that differ only by float noise tie. Items with a null score are not ranked and
 * come last, in their input order; ranked items are ordered best first, ties in input order.
 */
export function rankCompetition<T>(items: readonly T[], getScore: (item: T) => number | null): Ranked<T>[] {
  const scored: { item: T; score: number; index: number }[] = [];
  const unranked: Ranked<T>[] = [];
  items.forEach((item, index) => {
    const score = getScore(item);
    if (score === null) {
      unranked.push({ item, rank: null });
      return;
    }
    // A NaN would silently sort anywhere; it is a bug upstream, so say so.
    if (!Number.isFinite(score)) throw new RangeError(`cannot rank a non-finite score (${score})`);
    scored.push({ item, score: round9(score), index });
  });
  scored.sort((a, b) => b.score - a.score || a.index - b.index);
  const ranked: Ranked<T>[] = [];
  scored.forEach((entry, position) => {
    const previous = scored[position - 1];
    const rank = previous && previous.score === entry.score ? (ranked[position - 1]?.rank ?? position + 1) : position + 1;
    ranked.push({ item: entry.item, rank });
  });
  return [...ranked, ...unranked];
}
