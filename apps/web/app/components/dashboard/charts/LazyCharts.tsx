import { lazy, type ReactNode, Suspense, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { BarChartProps } from "./TremorBarChart";
import type { LineChartProps } from "./TremorLineChart";

const TremorBarChart = lazy(() => import("./TremorBarChart"));
const TremorLineChart = lazy(() => import("./TremorLineChart"));

/**
 * Charts render only in the browser, after hydration, from a lazily loaded chunk; until then
 * (and on the server) a placeholder of the same height holds the space, so nothing shifts.
 * Every chart on the dashboard has a table with the same numbers next to it.
 */
function ChartSlot({ heightClass, children }: { heightClass: string; children: ReactNode }) {
  const { t } = useTranslation("dashboard");
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  const placeholder = (
    <div className={`${heightClass} flex items-center justify-center rounded-md bg-gray-50 text-sm text-gray-400`}>
      {t("common.chartLoading")}
    </div>
  );
  return (
    <div className={heightClass} aria-hidden="true" data-testid="chart">
      {mounted ? <Suspense fallback={placeholder}>{children}</Suspense> : placeholder}
    </div>
  );
}

export function LazyBarChart(props: BarChartProps) {
  return (
    <ChartSlot heightClass={props.heightClass}>
      <TremorBarChart {...props} />
    </ChartSlot>
  );
}

export function LazyLineChart(props: LineChartProps) {
  return (
    <ChartSlot heightClass={props.heightClass}>
      <TremorLineChart {...props} />
    </ChartSlot>
  );
}
