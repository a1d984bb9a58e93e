import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useDashboardFormat } from "~/components/dashboard/useDashboardFormat";
import { formatDate } from "~/utils/format";

/** A metric's raw value with its unit, two decimals (so a shown value never contradicts a target at 1 decimal). */
export function MetricValue({ value, unit }: { value: number | null; unit: string }) {
  const { t } = useTranslation("coaching");
  const f = useDashboardFormat();
  if (value === null) return <span className="text-gray-400">{t("noValue")}</span>;
  return <>{t(`unit.${unit}`, { value: f.upTo(value, 2) })}</>;
}

/** "≥ 90 %" / "≤ 30 s": the target with the comparison its metric's direction implies. */
export function TargetValue({ target, unit, direction }: { target: number; unit: string; direction: string }) {
  const { t } = useTranslation("coaching");
  const f = useDashboardFormat();
  return <>{t(direction === "lower_is_better" ? "target.atMost" : "target.atLeast", { value: t(`unit.${unit}`, { value: f.upTo(target, 2) }) })}</>;
}

const statusStyle: Record<string, string> = {
  assigned: "bg-amber-50 text-amber-800 ring-amber-600/20",
  acknowledged: "bg-sky-50 text-sky-800 ring-sky-600/20",
  in_progress: "bg-blue-50 text-blue-800 ring-blue-600/20",
  completed: "bg-emerald-50 text-emerald-800 ring-emerald-600/20",
  cancelled: "bg-gray-100 text-gray-600 ring-gray-500/20",
};

export function PlanStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation("coaching");
  return (
    <span className={`inline-flex rounded-md px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${statusStyle[status] ?? ""}`} data-testid="plan-status">
      {t(`status.${status}`)}
    </span>
  );
}

const outcomeStyle: Record<string, string> = {
  target_met: "bg-emerald-50 text-emerald-800 ring-emerald-600/20",
  improved: "bg-sky-50 text-sky-800 ring-sky-600/20",
  not_improved: "bg-rose-50 text-rose-800 ring-rose-600/20",
  no_data: "bg-gray-100 text-gray-600 ring-gray-500/20",
};

export function OutcomeBadge({ outcome }: { outcome: string | null }) {
  const { t } = useTranslation("coaching");
  if (outcome === null) return <span className="text-sm text-gray-500">{t("outcome.pending")}</span>;
  return (
    <span className={`inline-flex rounded-md px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${outcomeStyle[outcome] ?? ""}`} data-testid="plan-outcome">
      {t(`outcome.${outcome}`)}
    </span>
  );
}

export function OverdueBadge() {
  const { t } = useTranslation("coaching");
  return (
    <span className="ml-1 inline-flex rounded-md bg-rose-600 px-2 py-0.5 text-xs font-semibold text-white" data-testid="overdue-badge">
      {t("overdue")}
    </span>
  );
}

/** The small notice the team page and the HR overview show when open plans are past due. */
export function OverduePlansNotice({ count, to }: { count: number; to: string }) {
  const { t } = useTranslation("coaching");
  if (count === 0) return null;
  return (
    <p role="status" className="rounded-md bg-rose-50 p-3 text-sm text-rose-800" data-testid="overdue-plans-notice">
      {t("overdueNotice", { count })}{" "}
      <Link to={to} className="font-medium underline">
        {t("overdueNoticeLink")}
      </Link>
    </p>
  );
}

export function useDate() {
  const { i18n } = useTranslation();
  const locale = i18n.resolvedLanguage ?? i18n.language ?? "en";
  return (value: string, withTime = false) => formatDate(locale, value, { withTime });
}

export const card = "rounded-lg bg-white p-4 shadow-sm";
export const button =
  "rounded-md bg-blue-600 px-3 py-1.5 text-sm font-medium text-white shadow-sm hover:bg-blue-500 disabled:cursor-wait disabled:opacity-60";
export const secondaryButton =
  "rounded-md bg-white px-3 py-1.5 text-sm font-medium text-gray-700 shadow-sm ring-1 ring-inset ring-gray-300 hover:bg-gray-50";
export const field = "mt-1 block w-full rounded-md border-gray-300 text-sm shadow-sm focus:border-blue-500 focus:ring-blue-500";
