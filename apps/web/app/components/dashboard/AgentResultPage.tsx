import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GradeBadge, StatusFlag } from "./Badges";
import { LazyLineChart } from "./charts/LazyCharts";
import { QuarterPicker } from "./QuarterPicker";
import { ScoreExplanation } from "./ScoreExplanation";
import type { AgentPageData } from "./types";
import { useDashboardFormat } from "./useDashboardFormat";

/** One agent's standing for a quarter: used by /agents/<code> and by /me (the agent's own page). */
export function AgentResultPage({ data, title }: { data: AgentPageData; title: string }) {
  const { t } = useTranslation("dashboard");
  const f = useDashboardFormat();
  const { result, agent } = data;
  const compositeLabel = t("agent.trendComposite");
  const teamAverageLabel = t("common.teamAverage");
  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold tracking-tight" data-testid="page-title">
            {title}
          </h1>
          <p className="text-sm text-gray-600">
            {data.canViewTeam ? (
              <Link to={`/teams/${result?.teamId ?? agent.teamId}${data.quarter ? `?quarter=${data.quarter.id}` : ""}`} className="text-blue-700 hover:underline">
                {t("agent.teamLine", { team: result?.teamName ?? agent.teamName })}
              </Link>
            ) : (
              t("agent.teamLine", { team: result?.teamName ?? agent.teamName })
            )}
          </p>
        </div>
        <QuarterPicker quarters={data.quarters} selected={data.quarter} />
      </header>

      {!data.quarter ? (
        <p className="rounded-lg bg-white p-6 text-gray-600 shadow-sm">{t("quarter.noneVisible")}</p>
      ) : !result ? (
        <p className="rounded-lg bg-white p-6 text-gray-600 shadow-sm">{t("agent.noResult")}</p>
      ) : (
        <>
          <section className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4" data-testid="agent-summary">
            <div className="rounded-lg bg-white p-4 shadow-sm">
              <p className="text-sm text-gray-500">{t("common.composite")}</p>
              <p className="text-3xl font-bold tabular-nums" data-testid="composite">
                {f.one(result.compositeDisplay)}
              </p>
              {result.adjustment !== 0 ? (
                <p className="text-xs text-gray-500">
                  {t("agent.adjusted", { computed: f.one(result.computedDisplay), adjustment: f.upTo(result.adjustment, 2) })}
                </p>
              ) : null}
              <p className="mt-1 text-xs text-gray-500">
                {t("common.teamAverage")}: {f.one(result.teamAverageComposite)}
              </p>
            </div>
            <div className="rounded-lg bg-white p-4 shadow-sm">
              <p className="text-sm text-gray-500">{t("grade.label")}</p>
              <p className="mt-1" data-testid="grade">
                <GradeBadge grade={result.grade} />
              </p>
              <p className="mt-2 text-sm text-gray-700" data-testid="next-grade">
                {result.nextGrade
                  ? t("agent.gapToNext", { points: f.one(result.nextGrade.points), grade: result.nextGrade.grade })
                  : result.grade
                    ? t("agent.topGrade")
                    : null}
              </p>
            </div>
            <div className="rounded-lg bg-white p-4 shadow-sm">
              <p className="text-sm text-gray-500">{t("status.label")}</p>
              <p className="mt-1">
                <StatusFlag status={result.status} showComplete />
              </p>
              <p className="mt-2 text-xs text-gray-500">{t(`status.help.${result.status}`)}</p>
            </div>
            <div className="rounded-lg bg-white p-4 shadow-sm text-sm">
              <p className="text-gray-500">{t("common.teamRank")}</p>
              <p className="font-semibold" data-testid="rank-team">
                {result.rankTeam === null
                  ? t("common.notRanked")
                  : t("common.rankOf", { rank: f.int(result.rankTeam), total: f.int(result.rankedInTeam) })}
              </p>
              <p className="mt-2 text-gray-500">{t("common.orgRank")}</p>
              <p className="font-semibold" data-testid="rank-org">
                {result.rankOrg === null
                  ? t("common.notRanked")
                  : t("common.rankOf", { rank: f.int(result.rankOrg), total: f.int(result.rankedInOrg) })}
              </p>
            </div>
          </section>

          <ScoreExplanation result={result} weakThreshold={data.weakThreshold} />
        </>
      )}

      {data.trend.length > 0 ? (
        <section aria-labelledby="trend-title" className="rounded-lg bg-white p-4 shadow-sm">
          <h2 id="trend-title" className="text-lg font-semibold">
            {t("agent.trend")}
          </h2>
          <LazyLineChart
            heightClass="h-64"
            index="quarter"
            categories={[compositeLabel, teamAverageLabel]}
            colors={["blue", "gray"]}
            data={data.trend.map((p) => ({ quarter: p.quarterId, [compositeLabel]: p.composite, [teamAverageLabel]: p.teamAverage }))}
            valueFormatter={(v) => f.one(v)}
            minValue={0}
            maxValue={100}
          />
          <table className="mt-4 min-w-full text-sm" data-testid="trend-table">
            <thead className="text-left text-gray-500">
              <tr>
                <th className="py-1 pr-4 font-medium">{t("quarter.label")}</th>
                <th className="py-1 pr-4 font-medium">{t("common.composite")}</th>
                <th className="py-1 pr-4 font-medium">{t("grade.label")}</th>
                <th className="py-1 pr-4 font-medium">{t("status.label")}</th>
                <th className="py-1 pr-4 font-medium">{t("common.teamAverage")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-gray-100">
              {data.trend.map((p) => (
                <tr key={p.quarterId}>
                  <td className="py-1 pr-4">{p.quarterId}</td>
                  <td className="py-1 pr-4 tabular-nums">{f.one(p.composite)}</td>
                  <td className="py-1 pr-4">
                    <GradeBadge grade={p.grade} showLabel={false} />
                  </td>
                  <td className="py-1 pr-4">
                    <StatusFlag status={p.status} showComplete />
                  </td>
                  <td className="py-1 pr-4 tabular-nums">{f.one(p.teamAverage)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </div>
  );
}
