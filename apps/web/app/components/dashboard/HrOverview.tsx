import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { HrOverviewData, RankedAgentView } from "~/models/hrOverview.server";
import { GradeBadge, StatusFlag } from "./Badges";
import { LazyBarChart, LazyLineChart } from "./charts/LazyCharts";
import { useDashboardFormat } from "./useDashboardFormat";

const card = "rounded-lg bg-white p-4 shadow-sm";
const th = "py-1.5 pr-4 text-left font-medium text-gray-500";
const td = "py-1.5 pr-4";

function Kpi({ label, value, detail, testId }: { label: string; value: string; detail?: string; testId: string }) {
  return (
    <div className={card} data-testid={testId}>
      <p className="text-sm text-gray-500">{label}</p>
      <p className="text-3xl font-bold tabular-nums">{value}</p>
      {detail ? <p className="mt-1 text-xs text-gray-500">{detail}</p> : null}
    </div>
  );
}

function AgentList({ title, agents, quarterQuery, testId }: { title: string; agents: RankedAgentView[]; quarterQuery: string; testId: string }) {
  const { t } = useTranslation("dashboard");
  const f = useDashboardFormat();
  return (
    <section className={card} aria-label={title}>
      <h2 className="text-lg font-semibold">{title}</h2>
      <table className="mt-2 min-w-full text-sm" data-testid={testId}>
        <thead>
          <tr>
            <th className={th}>{t("common.orgRank")}</th>
            <th className={th}>{t("common.agent")}</th>
            <th className={th}>{t("common.team")}</th>
            <th className={`${th} text-right`}>{t("common.composite")}</th>
            <th className={th}>{t("grade.label")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-gray-100">
          {agents.map((a) => (
            <tr key={a.code}>
              <td className={`${td} tabular-nums`}>{a.rankOrg ?? "—"}</td>
              <td className={td}>
                <Link to={`/agents/${encodeURIComponent(a.code)}${quarterQuery}`} className="text-blue-700 hover:underline">
                  {a.name}
                </Link>{" "}
                <span className="text-xs text-gray-500">{a.code}</span> <StatusFlag status={a.status} />
              </td>
              <td className={td}>{a.teamName}</td>
              <td className={`${td} text-right font-semibold tabular-nums`}>{f.one(a.composite)}</td>
              <td className={td}>
                <GradeBadge grade={a.grade} showLabel={false} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** The HR overview of a quarter: KPIs, grade distribution, team composites, top/bottom agents, metric trends. */
export function HrOverview({ data }: { data: HrOverviewData }) {
  const { t } = useTranslation("dashboard");
  const f = useDashboardFormat();
  const quarterQuery = data.quarter ? `?quarter=${data.quarter.id}` : "";
  const agentsLabel = t("common.agents");
  const gradeLabel = (g: string | null) => (g ? `${g} · ${t(`grade.name.${g}`)}` : t("hr.insufficientGrade"));
  const metricName = (key: string) => t(`metric.${key}`, { defaultValue: key });

  return (
    <div className="space-y-6">
      {!data.kpis ? (
        <p className={`${card} text-gray-600`}>{t("common.noResults")}</p>
      ) : (
        <>
          <section className="grid gap-4 sm:grid-cols-3">
            <Kpi
              testId="kpi-agents"
              label={t("hr.kpi.agentsScored")}
              value={f.int(data.kpis.agents)}
              detail={t("hr.kpi.agentsScoredDetail", { scored: f.int(data.kpis.scored), agents: f.int(data.kpis.agents) })}
            />
            <Kpi testId="kpi-average" label={t("hr.kpi.averageComposite")} value={f.one(data.kpis.averageComposite)} />
            <Kpi
              testId="kpi-complete"
              label={t("hr.kpi.percentComplete")}
              value={f.percent(data.kpis.percentComplete, 1)}
              detail={t("hr.kpi.percentCompleteDetail", {
                complete: f.int(data.kpis.complete),
                incomplete: f.int(data.kpis.incomplete),
                insufficient: f.int(data.kpis.insufficient),
              })}
            />
          </section>

          <div className="grid gap-6 lg:grid-cols-2">
            <section className={card} aria-labelledby="grades-title">
              <h2 id="grades-title" className="text-lg font-semibold">
                {t("hr.gradeDistribution")}
              </h2>
              <LazyBarChart
                heightClass="h-60"
                index="grade"
                categories={[agentsLabel]}
                data={data.grades.map((g) => ({ grade: g.grade ?? "—", [agentsLabel]: g.agents }))}
                valueFormatter={(v) => f.int(v)}
              />
              <table className="mt-3 min-w-full text-sm" data-testid="grade-table">
                <thead>
                  <tr>
                    <th className={th}>{t("grade.label")}</th>
                    <th className={`${th} text-right`}>{agentsLabel}</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-gray-100">
                  {data.grades.map((g) => (
                    <tr key={g.grade ?? "none"}>
                      <td className={td}>{gradeLabel(g.grade)}</td>
                      <td className={`${td} text-right tabular-nums`}>{f.int(g.agents)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>

            <section className={card} aria-labelledby="teams-title">
              <h2 id="teams-title" className="text-lg font-semibold">
                {t("hr.compositeByTeam")}
              </h2>
              {/* Row styles in tailwind.css (.team-bars): one row per team, 100 in a large centre. */}
              <ul className="team-bars" data-testid="team-composites">
                {data.teams.map((team) => (
                  <li key={team.teamId}>
                    <div>
                      <Link to={`/teams/${team.teamId}${quarterQuery}`}>{team.teamName}</Link>
                      <span>{f.one(team.averageComposite)}</span>
                    </div>
                    <div aria-hidden="true">
                      <div style={{ width: `${Math.max(0, Math.min(100, team.averageComposite ?? 0))}%` }} />
                    </div>
                    <p>
                      {agentsLabel}: {f.int(team.agents)}
                    </p>
                  </li>
                ))}
              </ul>
            </section>
          </div>

          <div className="grid gap-6 lg:grid-cols-2">
            <AgentList title={t("hr.top")} agents={data.top} quarterQuery={quarterQuery} testId="top-agents" />
            <AgentList title={t("hr.bottom")} agents={data.bottom} quarterQuery={quarterQuery} testId="bottom-agents" />
          </div>
        </>
      )}

      {data.trends.rows.length > 0 ? (
        <section className={card} aria-labelledby="trends-title">
          <h2 id="trends-title" className="text-lg font-semibold">
            {t("hr.metricTrends")}
          </h2>
          <LazyLineChart
            heightClass="h-72"
            index="quarter"
            categories={data.trends.metricKeys.map(metricName)}
            data={data.trends.rows.map((r) => ({
              quarter: r.quarterId,
              ...Object.fromEntries(data.trends.metricKeys.map((k) => [metricName(k), r.values[k] ?? null])),
            }))}
            valueFormatter={(v) => f.one(v)}
            minValue={0}
            maxValue={100}
          />
          <div className="mt-3 overflow-x-auto">
            <table className="min-w-full text-sm" data-testid="trend-table">
              <thead>
                <tr>
                  <th className={th}>{t("quarter.label")}</th>
                  {data.trends.metricKeys.map((k) => (
                    <th key={k} className={`${th} text-right`}>
                      {metricName(k)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-gray-100">
                {data.trends.rows.map((r) => (
                  <tr key={r.quarterId}>
                    <td className={td}>{r.quarterId}</td>
                    {data.trends.metricKeys.map((k) => (
                      <td key={k} className={`${td} text-right tabular-nums`}>
                        {f.one(r.values[k] ?? null)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </div>
  );
}
