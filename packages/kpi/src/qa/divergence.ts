import { round9 } from "../precision.ts";

/** Dual review: totals further apart than this share of the form maximum need calibration. */
export const QA_CALIBRATION_THRESHOLD_PCT = 20;

/** Whether two reviewers' totals differ by MORE than 20% of the form maximum (exactly 20% does not). */
export function needsCalibration(totalA: number, totalB: number, maxPoints: number): boolean {
  return round9(Math.abs(totalA - totalB)) > round9((maxPoints * QA_CALIBRATION_THRESHOLD_PCT) / 100);
}

export interface QaItemDeviation {
  itemKey: string;
  maxPoints: number;
  /** Points each reviewer gave, in reviewer order. */
  reviewerPoints: number[];
  /** Agreed points, when a consensus exists. */
  consensusPoints: number | null;
  /** Reviewer A minus reviewer B (null when there are not two reviews). */
  reviewerDelta: number | null;
  /** Each reviewer minus the consensus: positive = lenient, negative = harsh. */
  vsConsensus: (number | null)[];
}

/**
 * Per-item calibration view: reviewer-vs-reviewer and reviewer-vs-consensus deviation in
 * points, from each review's item points (keyed by item).
 */
export function itemDeviations(
  items: ReadonlyArray<{ itemKey: string; maxPoints: number }>,
  reviews: ReadonlyArray<Record<string, number>>,
  consensus: Record<string, number> | null,
): QaItemDeviation[] {
  return items.map(({ itemKey, maxPoints }) => {
    const reviewerPoints = reviews.map((r) => r[itemKey] ?? 0);
    const consensusPoints = consensus ? (consensus[itemKey] ?? 0) : null;
    const [a, b] = reviewerPoints;
    return {
      itemKey,
      maxPoints,
      reviewerPoints,
      consensusPoints,
      reviewerDelta: a !== undefined && b !== undefined ? round9(a - b) : null,
      vsConsensus: reviewerPoints.map((p) => (consensusPoints === null ? null : round9(p - consensusPoints))),
    };
  });
}

/** Whether a dual review share picks this evaluation: a stable hash of its id, below the share. */
export function pickedForDualReview(evaluationId: number, sharePct: number): boolean {
  if (sharePct <= 0) return false;
  if (sharePct >= 100) return true;
  // Knuth multiplicative hash spreads consecutive ids evenly over 0…99.
  const bucket = Number((BigInt(evaluationId) * 2654435761n) % 4294967296n) % 100;
  return bucket < sharePct;
}
