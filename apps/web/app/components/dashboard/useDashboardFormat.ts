import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { formatNumber, formatPercent } from "~/utils/format";

/**
 * Locale number formatting for the dashboard, on top of the app's formatters (~/utils/format).
 * Values arrive already rounded (1-decimal display values are band-aware, computed on the server
 * with @starboard/kpi); this only renders them for the user's locale.
 */
export function useDashboardFormat() {
  const { i18n } = useTranslation();
  const locale = i18n.resolvedLanguage ?? i18n.language ?? "en";
  return useMemo(() => {
    const upToFormats = new Map<number, Intl.NumberFormat>();
    return {
      /** Exactly one decimal ("80.2"). */
      one: (v: number | null | undefined) => formatNumber(locale, v, 1),
      /** Whole number with grouping ("1,200"). */
      int: (v: number | null | undefined) => formatNumber(locale, v, 0),
      /** A 0–100 value as a percentage with `digits` decimals ("96.6%"). */
      percent: (v: number | null | undefined, digits = 1) => formatPercent(locale, v, digits),
      /** Up to `max` decimals without trailing zeros, for exact intermediate values ("6.875", "10"). */
      upTo: (v: number | null | undefined, max = 2) => {
        if (v === null || v === undefined || Number.isNaN(v)) return formatNumber(locale, v);
        let f = upToFormats.get(max);
        if (!f) {
          f = new Intl.NumberFormat(locale, { minimumFractionDigits: 0, maximumFractionDigits: max });
          upToFormats.set(max, f);
        }
        return f.format(v);
      },
      locale,
    };
  }, [locale]);
}

export type DashboardFormat = ReturnType<typeof useDashboardFormat>;
