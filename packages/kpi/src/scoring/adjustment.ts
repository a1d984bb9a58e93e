import { round9 } from "../precision.ts";

/** HR may move a computed composite by at most this many points during review, with a reason. */
export const ADJUSTMENT_LIMIT_POINTS = 5;

export type AdjustmentCheck =
  | { ok: true }
  | { ok: false; code: "adjustment_not_a_number" | "adjustment_out_of_range"; message: string };

/** |adjustment| ≤ 5, compared after round9 so −5.000000000000001 (float noise) is still allowed. */
export function checkAdjustment(adjustment: number): AdjustmentCheck {
  if (!Number.isFinite(adjustment)) {
    return { ok: false, code: "adjustment_not_a_number", message: "the adjustment must be a number of points" };
  }
  if (Math.abs(round9(adjustment)) > ADJUSTMENT_LIMIT_POINTS) {
    return {
      ok: false,
      code: "adjustment_out_of_range",
      message: `an adjustment of ${round9(adjustment)} points is outside the allowed ±${ADJUSTMENT_LIMIT_POINTS}`,
    };
  }
  return { ok: true };
}

export function isValidAdjustment(adjustment: number): boolean {
  return checkAdjustment(adjustment).ok;
}

/**
 * The final composite = computed + adjustment, kept within [0, 100]; grades, ranks, awards
 * and payouts use this. An insufficient agent (null composite) stays null: there is nothing
 * to adjust. Throws on an adjustment beyond ±5 — input must be checked with
 * `checkAdjustment` at the edge, and an unchecked one reaching here is a bug.
 */
export function finalComposite(composite: number, adjustment: number): number;
export function finalComposite(composite: number | null, adjustment: number): number | null;
export function finalComposite(composite: number | null, adjustment: number): number | null {
  const check = checkAdjustment(adjustment);
  if (!check.ok) throw new RangeError(check.message);
  if (composite === null) return null;
  return Math.min(100, Math.max(0, composite + adjustment));
}
