import { displayInBand, roundOneDecimalInBand } from "../precision.ts";
import { gradeBandFor } from "./grade.ts";

/**
 * A composite rounded to 1 decimal inside its own grade band, so the number shown never
 * contradicts the grade shown beside it: 89.96 is grade B and reads 89.9, not 90.0.
 * Returns a number for the UI to format per locale.
 */
export function roundCompositeForDisplay(composite: number): number {
  return roundOneDecimalInBand(composite, gradeBandFor(composite), "higher_is_better");
}

/** `roundCompositeForDisplay` as a plain "89.9" string ('.' decimal separator, no grouping). */
export function displayComposite(composite: number): string {
  return displayInBand(composite, gradeBandFor(composite), "higher_is_better");
}
