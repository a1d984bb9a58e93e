import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { PlanView } from "~/models/coaching.server";
import { MetricValue, OutcomeBadge, OverdueBadge, PlanStatusBadge, TargetValue, useDate } from "./CoachingBits";

/** Plans as a table; each row opens the plan. */
export function PlanTable({ plans, showAgent = true, testId = "plan-table" }: { plans: PlanView[]; showAgent?: boolean; testId?: string }) {
  const { t } = useTranslation("coaching");
  const { t: td } = useTranslation("dashboard");
  const date = useDate();
  if (plans.length === 0) return <p className="text-sm text-gray-600">{t("plans.none")}</p>;
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full text-left text-sm" data-testid={testId}>
        <thead className="border-b text-xs uppercase text-gray-500">
          <tr>
            {showAgent ? <th className="py-2 pr-4">{t("plans.agent")}</th> : null}
            <th className="py-2 pr-4">{t("plans.metric")}</th>
            <th className="py-2 pr-4">{t("plans.intervention")}</th>
            <th className="py-2 pr-4">{t("plans.target")}</th>
            <th className="py-2 pr-4">{t("plans.quarter")}</th>
            <th className="py-2 pr-4">{t("plans.due")}</th>
            <th className="py-2 pr-4">{t("plans.status")}</th>
            <th className="py-2 pr-4">{t("plans.outcome")}</th>
          </tr>
        </thead>
        <tbody className="divide-y">
          {plans.map((p) => (
            <tr key={p.id} data-testid="plan-row" data-plan-id={p.id} data-overdue={p.overdue ? "true" : "false"}>
              {showAgent ? (
                <td className="py-2 pr-4">
                  <span className="font-mono">{p.agentCode}</span> {p.agentName}
                  <span className="block text-xs text-gray-500">{p.teamName}</span>
                </td>
              ) : null}
              <td className="py-2 pr-4">
                <Link to={`/coaching/plans/${p.id}`} className="font-medium text-blue-700 hover:underline">
                  {td(`metric.${p.metric}`, { defaultValue: p.metric })}
                </Link>
              </td>
              <td className="py-2 pr-4">{p.interventionName}</td>
              <td className="py-2 pr-4">
                <TargetValue target={p.target} unit={p.unit} direction={p.direction} />
                <span className="block text-xs text-gray-500">
                  {t("plans.beforeAfter")} <MetricValue value={p.before} unit={p.unit} /> → <MetricValue value={p.after} unit={p.unit} />
                </span>
              </td>
              <td className="py-2 pr-4">{p.targetQuarter}</td>
              <td className="py-2 pr-4">
                {date(p.dueDate)}
                {p.overdue ? <OverdueBadge /> : null}
              </td>
              <td className="py-2 pr-4">
                <PlanStatusBadge status={p.status} />
              </td>
              <td className="py-2 pr-4">
                <OutcomeBadge outcome={p.outcome} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
