/**
 * Locale-aware formatting for what the UI shows. Use the locale from the root loader
 * (`useLocale()` from remix-i18next/react, or `i18n.language`).
 *
 *     formatNumber(locale, 87.25, 1)  // "87.3" / "87.3"
 *     formatPercent(locale, 94.5, 1)  // "94.5%"
 *     formatDate(locale, "2026-03-31") // "31 Mar 2026" / "2026年3月31日"
 *
 * These only format. Rounding rules of the domain (e.g. "round toward the inside of the
 * band") belong to @starboard/kpi: round there first, then format with the same digits.
 */
const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    numberFormats.set(key, format);
  }
  return format;
}

/** A number with exactly `digits` decimals (default 0). Null/NaN → "–". */
export function formatNumber(locale: string, value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined || Number.isNaN(value)) return "–";
  return numberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

/** A value already on the 0–100 scale, shown as a percentage. */
export function formatPercent(locale: string, value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || Number.isNaN(value)) return "–";
  return numberFormat(locale, { style: "percent", minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value / 100);
}

/** An amount of money in `currency` (ISO 4217), 2 decimals. */
export function formatMoney(locale: string, value: number, currency: string): string {
  return numberFormat(locale, { style: "currency", currency }).format(value);
}

/**
 * A calendar date (`YYYY-MM-DD`, formatted as that day whatever the server's time zone) or
 * a timestamp (ISO date-time or Date, shown in `timeZone`, default UTC).
 */
export function formatDate(
  locale: string,
  value: string | Date,
  options: { withTime?: boolean; timeZone?: string } = {},
): string {
  const isPlainDate = typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value);
  const date = typeof value === "string" ? new Date(isPlainDate ? `${value}T00:00:00Z` : value) : value;
  if (Number.isNaN(date.getTime())) return "–";
  return new Intl.DateTimeFormat(locale, {
    dateStyle: "medium",
    ...(options.withTime && !isPlainDate ? { timeStyle: "short" } : {}),
    timeZone: isPlainDate ? "UTC" : (options.timeZone ?? "UTC"),
  }).format(date);
}
