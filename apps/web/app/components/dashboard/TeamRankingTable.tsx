import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { TeamPageData } from "~/models/teamPage.server";
import { GradeBadge, StatusFlag } from "./Badges";
import { useDashboardFormat } from "./useDashboardFormat";

/** A team's ranking for one quarter with every agent's metric scores (weak cells highlighted) and the team averages. */
export function TeamRankingTable({ data }: { data: TeamPageData }) {
  const { t } = useTranslation("dashboard");
  const f = useDashboardFormat();
  const quarterQuery = data.quarter ? `?quarter=${data.quarter.id}` : "";
  const th = "px-3 py-2 text-left font-medium text-gray-600 whitespace-nowrap";
  const td = "px-3 py-2 whitespace-nowrap";
  return (
    <section aria-labelledby="ranking-title" className="rounded-lg bg-white p-4 shadow-sm">
      <h2 id="ranking-title" className="text-lg font-semibold">
        {t("team.ranking")}
      </h2>
      <p className="mt-1 text-sm text-gray-500">{t("team.weakLegend", { threshold: f.int(data.weakThreshold) })}</p>
      <div className="mt-3 overflow-x-auto">
        <table className="min-w-full divide-y divide-gray-200 text-sm" data-testid="team-ranking">
          <thead className="bg-gray-50">
            <tr>
              <th className={th}>{t("common.rank")}</th>
              <th className={th}>{t("common.agent")}</th>
              <th className={`${th} text-right`}>{t("common.composite")}</th>
              <th className={th}>{t("grade.label")}</th>
              <th className={th}>{t("status.label")}</th>
              {data.metrics.map((m) => (
                <th key={m.key} className="px-3 py-2 text-right align-bottom font-medium text-gray-600" scope="col">
                  <span className="block text-xs font-normal text-gray-400">{t(`dimension.${m.dimensionKey}`, { defaultValue: m.dimensionKey })}</span>
                  {t(`metric.${m.key}`, { defaultValue: m.key })}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-gray-100">
            {data.agents.map((a) => (
              <tr key={a.code} data-testid={`team-row-${a.code}`} data-weak-count={a.weakCount}>
                <td className={`${td} tabular-nums`}>{a.rankTeam ?? "—"}</td>
                <td className={td}>
                  <Link to={`/agents/${encodeURIComponent(a.code)}${quarterQuery}`} className="text-blue-700 hover:underline">
                    {a.name}
                  </Link>
                  <span className="ml-2 text-xs text-gray-500">{a.code}</span>
                </td>
                <td className={`${td} text-right font-semibold tabular-nums`}>{f.one(a.composite)}</td>
                <td className={td}>
                  <GradeBadge grade={a.grade} showLabel={false} />
                </td>
                <td className={td}>
                  <StatusFlag status={a.status} />
                </td>
                {data.metrics.map((m) => {
                  const cell = a.metrics[m.key];
                  const weak = cell?.weak ?? false;
                  return (
                    <td
                      key={m.key}
                      data-weak={weak ? "true" : undefined}
                      title={weak ? t("common.weak", { threshold: f.int(data.weakThreshold) }) : undefined}
                      className={`${td} text-right tabular-nums ${weak ? "bg-amber-100 font-semibold text-amber-900" : ""}`}
                    >
                      {!cell || cell.missing ? <span className="text-gray-400">{t("common.missing")}</span> : f.one(cell.normalized)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
          <tfoot className="bg-gray-50 font-medium" data-testid="team-averages">
            <tr>
              <td className={td} colSpan={2}>
                {t("team.averages")}
              </td>
              <td className={`${td} text-right tabular-nums`}>{f.one(data.averages.composite)}</td>
              <td className={td} colSpan={2} />
              {data.metrics.map((m) => (
                <td key={m.key} className={`${td} text-right tabular-nums`}>
                  {f.one(data.averages.metrics[m.key] ?? null)}
                </td>
              ))}
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  );
}
