import { useTranslation } from "react-i18next";
import { GradeBadge } from "~/components/dashboard/Badges";
import { LazyBarChart } from "~/components/dashboard/charts/LazyCharts";
import type { Grade } from "~/components/dashboard/types";
import { useDashboardFormat } from "~/components/dashboard/useDashboardFormat";
import type { WhatIfView } from "~/models/rubricWhatIf.server";
import { card, td, th } from "./ui";

/** The what-if: per quarter grade distribution (chart + table), correlation, cost; movers; Service Star; every agent. */
export function WhatIfReport({ view, csvHref }: { view: WhatIfView; csvHref?: string }) {
  const { t } = useTranslation("rubrics");
  const f = useDashboardFormat();
  const before = t("whatif.before");
  const after = t("whatif.after");
  const money = (v: number) => `${f.upTo(v, 2)} ${view.currency}`;
  const signed = (v: number) => (v > 0 ? `+${f.one(v)}` : f.one(v));

  return (
    <div className="space-y-6" data-testid="whatif-report">
      <section className="grid gap-4 sm:grid-cols-3">
        <div className={card} data-testid="whatif-incentive">
          <p className="text-sm text-gray-500">{t("whatif.incentiveChange")}</p>
          <p className="text-2xl font-bold tabular-nums">{view.incentiveChange > 0 ? "+" : ""}{money(view.incentiveChange)}</p>
        </div>
        <div className={card} data-testid="whatif-gained">
          <p className="text-sm text-gray-500">{t("whatif.nominationsGained")}</p>
          <p className="text-2xl font-bold tabular-nums">{f.int(view.nominationsGained.length)}</p>
          <p className="text-xs text-gray-500">{view.nominationsGained.map((n) => `${n.agentCode} (${n.quarter})`).join(", ")}</p>
        </div>
        <div className={card} data-testid="whatif-lost">
          <p className="text-sm text-gray-500">{t("whatif.nominationsLost")}</p>
          <p className="text-2xl font-bold tabular-nums">{f.int(view.nominationsLost.length)}</p>
          <p className="text-xs text-gray-500">{view.nominationsLost.map((n) => `${n.agentCode} (${n.quarter})`).join(", ")}</p>
        </div>
      </section>

      <div className="grid gap-6 lg:grid-cols-2">
        {view.quarters.map((q) => (
          <section key={q.quarter} className={card} aria-label={q.quarter} data-testid="whatif-quarter" data-quarter={q.quarter}>
            <h2 className="text-lg font-semibold">{t("whatif.quarterTitle", { quarter: q.quarter })}</h2>
            <p className="text-sm text-gray-600">
              {t("whatif.quarterStats", {
                changed: f.int(q.gradeChanged),
                agents: f.int(q.agents),
                correlation: q.rankCorrelation === null ? "—" : f.upTo(q.rankCorrelation, 3),
              })}
            </p>
            <p className="text-sm text-gray-600">{t("whatif.incentive", { before: money(q.incentiveBefore), after: money(q.incentiveAfter) })}</p>
            <LazyBarChart
              heightClass="h-56"
              index="grade"
              categories={[before, after]}
              colors={["gray", "blue"]}
              data={q.grades.map((g) => ({ grade: g.grade === "insufficient" ? "—" : g.grade, [before]: g.before, [after]: g.after }))}
              valueFormatter={(v) => f.int(v)}
            />
            <table className="mt-2 min-w-full text-sm" data-testid="whatif-grades">
              <thead>
                <tr>
                  <th className={th}>{t("whatif.grade")}</th>
                  <th className={`${th} text-right`}>{before}</th>
                  <th className={`${th} text-right`}>{after}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-gray-100">
                {q.grades.map((g) => (
                  <tr key={g.grade} data-grade={g.grade}>
                    <td className={td}>{g.grade === "insufficient" ? t("whatif.noGrade") : g.grade}</td>
                    <td className={`${td} text-right tabular-nums`}>{f.int(g.before)}</td>
                    <td className={`${td} text-right tabular-nums`}>{f.int(g.after)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ))}
      </div>

      <section className={card} aria-labelledby="movers-title">
        <h2 id="movers-title" className="text-lg font-semibold">{t("whatif.movers")}</h2>
        {view.movers.length === 0 ? (
          <p className="text-sm text-gray-600">{t("whatif.noMovers")}</p>
        ) : (
          <>
            <LazyBarChart
              heightClass="h-64"
              index="agent"
              layout="vertical"
              categories={[t("whatif.change")]}
              data={view.movers.map((m) => ({ agent: `${m.agentCode} ${m.quarter}`, [t("whatif.change")]: m.change }))}
              valueFormatter={(v) => signed(v)}
            />
            <table className="mt-2 min-w-full text-sm" data-testid="whatif-movers">
              <tbody className="divide-y divide-gray-100">
                {view.movers.map((m) => (
                  <tr key={`${m.quarter}-${m.agentCode}`}>
                    <td className={td}>{m.quarter}</td>
                    <td className={td}>{m.agentName} <span className="text-xs text-gray-500">{m.agentCode}</span></td>
                    <td className={`${td} text-right tabular-nums`}>{f.one(m.before)} → {f.one(m.after)}</td>
                    <td className={`${td} text-right font-semibold tabular-nums`}>{signed(m.change)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </section>

      <section className={card} aria-labelledby="agents-title">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="agents-title" className="text-lg font-semibold">{t("whatif.agents")}</h2>
          {csvHref ? (
            <a href={csvHref} download className="text-sm font-medium text-blue-700 hover:underline" data-testid="whatif-csv">
              {t("whatif.download")}
            </a>
          ) : null}
        </div>
        <div className="max-h-[32rem] overflow-auto">
          <table className="mt-2 min-w-full text-sm" data-testid="whatif-agents">
            <thead className="sticky top-0 bg-white">
              <tr>
                <th className={th}>{t("whatif.quarter")}</th>
                <th className={th}>{t("whatif.agent")}</th>
                <th className={`${th} text-right`}>{before}</th>
                <th className={th} />
                <th className={`${th} text-right`}>{after}</th>
                <th className={th} />
                <th className={`${th} text-right`}>{t("whatif.change")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-gray-100">
              {view.rows.map((r) => (
                <tr key={`${r.quarter}-${r.agentCode}`} data-agent={r.agentCode} data-quarter={r.quarter}>
                  <td className={td}>{r.quarter}</td>
                  <td className={td}>{r.agentName} <span className="text-xs text-gray-500">{r.agentCode}</span></td>
                  <td className={`${td} text-right tabular-nums`}>{f.one(r.beforeComposite)}</td>
                  <td className={td}><GradeBadge grade={r.beforeGrade as Grade | null} showLabel={false} /></td>
                  <td className={`${td} text-right tabular-nums`}>{f.one(r.afterComposite)}</td>
                  <td className={td}><GradeBadge grade={r.afterGrade as Grade | null} showLabel={false} /></td>
                  <td className={`${td} text-right tabular-nums`}>{r.change === null ? "—" : signed(r.change)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
