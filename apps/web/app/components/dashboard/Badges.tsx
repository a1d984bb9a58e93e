import { useTranslation } from "react-i18next";
import type { QuarterState } from "@starboard/db";
import type { Grade, ScoreStatus } from "./types";

const GRADE_STYLES: Record<Grade, string> = {
  A: "bg-emerald-100 text-emerald-800 ring-emerald-600/20",
  B: "bg-blue-100 text-blue-800 ring-blue-600/20",
  C: "bg-gray-100 text-gray-800 ring-gray-500/20",
  D: "bg-amber-100 text-amber-800 ring-amber-600/20",
  E: "bg-rose-100 text-rose-800 ring-rose-600/20",
};

const pill = "inline-flex items-center rounded-md px-2 py-0.5 text-xs font-medium ring-1 ring-inset";

/** Grade letter with its label ("B · Exceeds"), or "No grade" when insufficient. */
export function GradeBadge({ grade, showLabel = true }: { grade: Grade | null; showLabel?: boolean }) {
  const { t } = useTranslation("dashboard");
  if (!grade) return <span className={`${pill} bg-gray-50 text-gray-500 ring-gray-300`}>{t("grade.none")}</span>;
  const label = t(`grade.name.${grade}`);
  return (
    <span className={`${pill} ${GRADE_STYLES[grade]}`} data-grade={grade} title={label}>
      {showLabel ? t("grade.withLabel", { grade, label }) : grade}
    </span>
  );
}

/** Data status flag; nothing is shown for complete results unless `showComplete`. */
export function StatusFlag({ status, showComplete = false }: { status: ScoreStatus; showComplete?: boolean }) {
  const { t } = useTranslation("dashboard");
  if (status === "complete" && !showComplete) return null;
  const style =
    status === "complete"
      ? "bg-emerald-50 text-emerald-700 ring-emerald-600/20"
      : status === "incomplete"
        ? "bg-amber-50 text-amber-800 ring-amber-600/20"
        : "bg-rose-50 text-rose-700 ring-rose-600/20";
  return (
    <span className={`${pill} ${style}`} data-status={status} title={t(`status.help.${status}`)}>
      {t(`status.${status}`)}
    </span>
  );
}

export function QuarterStateBadge({ state }: { state: QuarterState }) {
  const { t } = useTranslation("dashboard");
  const style =
    state === "published"
      ? "bg-emerald-50 text-emerald-700 ring-emerald-600/20"
      : state === "locked"
        ? "bg-indigo-50 text-indigo-700 ring-indigo-600/20"
        : "bg-gray-50 text-gray-600 ring-gray-500/20";
  return (
    <span className={`${pill} ${style}`} data-quarter-state={state}>
      {t(`quarter.state.${state}`)}
    </span>
  );
}

export function WeakBadge() {
  const { t } = useTranslation("dashboard");
  return <span className={`${pill} bg-amber-100 text-amber-900 ring-amber-600/30`}>{t("common.weakShort")}</span>;
}
