import type { Grade } from "../scoring/result.ts";

/** Multiplier of the per-agent base amount, by grade. Configurable per organisation. */
export type GradeMultipliers = Record<Grade, number>;

export const DEFAULT_GRADE_MULTIPLIERS: Readonly<GradeMultipliers> = Object.freeze({ A: 1.5, B: 1, C: 0.5, D: 0, E: 0 });

/**
 * The grade bonus before rounding: base × multiplier. Money is rounded to minor units only
 * where a payout line is produced (`roundMoney`), never here, so totals don't drift.
 */
export function gradeBonus(baseAmount: number, multipliers: GradeMultipliers, grade: Grade | null): number {
  if (grade === null) return 0;
  return baseAmount * multipliers[grade];
}

/** Rounds an amount to minor units (2 decimals), half away from zero, avoiding 1.005 → 1.00. */
export function roundMoney(amount: number): number {
  const cents = Math.round(Math.abs(amount) * 100 + 1e-9) / 100;
  return Math.sign(amount) * cents || 0;
}
