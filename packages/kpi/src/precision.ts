import type { MetricDirection } from "./metrics/catalogue.ts";

/**
 * Rounds to 9 decimals. Every comparison of a computed value with a band or grade
 * boundary, and every floor() in step counting, goes through this first: binary floating
 * point turns 60 into 59.99999999999999 and 0.1 + 0.2 into 0.30000000000000004, and such
 * noise must never move an agent into another band when pay depends on it. Nine decimals
 * is far below anything displayed (1 decimal) and far above double-precision noise for
 * the magnitudes we handle (seconds up to ~10⁶).
 *
 * Rounds half away from zero (symmetric), and never returns -0.
 */
export function round9(x: number): number {
  if (!Number.isFinite(x)) return x;
  const scaled = Math.round(Math.abs(x) * 1e9) / 1e9;
  return x < 0 && scaled !== 0 ? -scaled : scaled;
}

/** Half away from zero to 1 decimal, after round9 so 30.05 (stored as 30.0499…) rounds up. */
function roundHalfOneDecimal(x: number): number {
  const tenths = round9(x * 10);
  const r = (Math.sign(tenths) * Math.round(Math.abs(tenths))) / 10;
  return r === 0 ? 0 : r;
}

/** An interval of a band or grade; `null` is open (−∞ below, +∞ above). */
export interface Interval {
  lower: number | null;
  upper: number | null;
}

/**
 * Whether `value` lies in the interval, with the closedness the brief prescribes so that a
 * value exactly on a boundary belongs to the better side: higher-is-better intervals are
 * [lower, upper), lower-is-better intervals are (lower, upper]. `value` is compared after
 * round9, as are the bounds (bounds are typed by people, so already short decimals).
 */
export function intervalContains(interval: Interval, value: number, direction: MetricDirection): boolean {
  const v = round9(value);
  const { lower, upper } = interval;
  if (direction === "higher_is_better") {
    return (lower === null || v >= round9(lower)) && (upper === null || v < round9(upper));
  }
  return (lower === null || v > round9(lower)) && (upper === null || v <= round9(upper));
}

/**
 * A value rounded to 1 decimal "toward the inside of its own band", so that what is shown
 * never contradicts the band (or grade) the exact value landed in: a composite of 89.96 is
 * grade B and must not be shown as "90.0"; an average of 30.04 s is in (30, 60] and must not
 * be shown as "30.0".
 *
 * Ordinary half-up rounding is used whenever its result stays in the band; otherwise the
 * nearest 1-decimal value inside the band is taken. If the band is narrower than 0.1 and
 * holds no 1-decimal value at all, the ordinary rounding is returned (nothing better exists).
 *
 * Returns a number (already rounded) rather than a string so the UI can format it for the
 * user's locale; `displayInBand` gives the plain "12.3" string for logs, CSV and tests.
 */
export function roundOneDecimalInBand(value: number, band: Interval, direction: MetricDirection): number {
  const exact = round9(value);
  const rounded = roundHalfOneDecimal(exact);
  if (!intervalContains(band, exact, direction) || intervalContains(band, rounded, direction)) return rounded;
  // The rounding crossed a boundary; step one tenth back toward the value's side.
  const down = Math.floor(round9(exact * 10)) / 10;
  const up = Math.ceil(round9(exact * 10)) / 10;
  const inward = rounded > exact ? down : up;
  return intervalContains(band, inward, direction) ? inward : rounded;
}

/** `roundOneDecimalInBand` as a plain numeric string with '.' and exactly one decimal ("30.1"). */
export function displayInBand(value: number, band: Interval, direction: MetricDirection): string {
  return formatOneDecimal(roundOneDecimalInBand(value, band, direction));
}

/** Plain "12.3" for an already-rounded number; locale formatting is the UI's job. */
export function formatOneDecimal(value: number): string {
  const s = value.toFixed(1);
  return s === "-0.0" ? "0.0" : s;
}
