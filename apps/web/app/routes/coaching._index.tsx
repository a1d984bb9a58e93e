import type { LoaderFunctionArgs } from "@remix-run/node";
import { contextFor } from "~/utils/context.server";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { card, OverduePlansNotice } from "~/components/coaching/CoachingBits";
import { PlanTable } from "~/components/coaching/PlanTable";
import { DashboardErrorBoundary } from "~/components/dashboard/DashboardErrorBoundary";
import { QuarterPicker } from "~/components/dashboard/QuarterPicker";
import { getCoachingOverview } from "~/models/coaching.server";
import { getDb } from "~/utils/db.server";
import { requirePermission } from "~/utils/policy.server";
import { requireRole } from "~/utils/session.server";

export const handle = { i18n: ["common", "dashboard", "coaching"] };

/** HR: all teams; a manager: their teams. Weak items of the selected quarter with suggested plans, and the plans. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "hr", "manager");
  requirePermission(user, "view_coaching_overview");
  const ctx = contextFor(await getDb(), user);
  // The policy decides per team inside suggestCoaching (view_coaching_suggestions) and the plan filter (teams managed).
  return getCoachingOverview(ctx, user, new URL(request.url));
}

export default function CoachingRoute() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation("coaching");
  const { t: td } = useTranslation("dashboard");
  const f = (v: number | null) => (v === null ? "–" : v.toFixed(1));
  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold tracking-tight" data-testid="page-title">
            {t("overview.title")}
          </h1>
          {data.role === "hr" ? (
            <p className="mt-1 flex gap-4 text-sm">
              <Link to="/coaching/catalogue" className="text-blue-700 hover:underline">
                {t("catalogue.title")}
              </Link>
              <Link to="/coaching/effectiveness" className="text-blue-700 hover:underline">
                {t("effectiveness.title")}
              </Link>
            </p>
          ) : null}
        </div>
        <QuarterPicker quarters={data.quarters} selected={data.quarter} />
      </header>

      <OverduePlansNotice count={data.overdue} to="#plans" />

      <section className={card} aria-labelledby="suggestions-title">
        <h2 id="suggestions-title" className="text-lg font-semibold">
          {data.quarter ? t("suggestions.title", { quarter: data.quarter.id }) : t("suggestions.titleNone")}
        </h2>
        <p className="mt-1 text-sm text-gray-600">{t("suggestions.help")}</p>
        {data.suggestions.length === 0 ? (
          <p className="mt-4 text-sm text-gray-600">{t("suggestions.none")}</p>
        ) : (
          <div className="mt-4 overflow-x-auto">
            <table className="min-w-full text-left text-sm" data-testid="suggestions">
              <thead className="border-b text-xs uppercase text-gray-500">
                <tr>
                  <th className="py-2 pr-4">{t("plans.agent")}</th>
                  <th className="py-2 pr-4">{t("suggestions.weakItem")}</th>
                  <th className="py-2 pr-4">{t("suggestions.score")}</th>
                  <th className="py-2 pr-4">{t("suggestions.interventions")}</th>
                  <th className="py-2 pr-4">
                    <span className="sr-only">{t("suggestions.action")}</span>
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y">
                {data.suggestions.map((s) => (
                  <tr key={`${s.agentCode}-${s.metric}`} data-testid="suggestion-row" data-agent={s.agentCode} data-metric={s.metric}>
                    <td className="py-2 pr-4">
                      <span className="font-mono">{s.agentCode}</span> {s.agentName}
                      <span className="block text-xs text-gray-500">{s.teamName}</span>
                    </td>
                    <td className="py-2 pr-4">
                      {td(`metric.${s.metric}`, { defaultValue: s.metric })}
                      <span className="block text-xs text-gray-500">{td(`dimension.${s.dimension}`, { defaultValue: s.dimension })}</span>
                    </td>
                    <td className="py-2 pr-4 font-medium text-rose-700">{f(s.normalized)}</td>
                    <td className="py-2 pr-4">{s.interventions.map((i) => i.name).join(" · ") || t("suggestions.noIntervention")}</td>
                    <td className="py-2 pr-4 text-right">
                      {s.existingPlanId !== null ? (
                        <Link to={`/coaching/plans/${s.existingPlanId}`} className="text-blue-700 hover:underline">
                          {t("suggestions.viewPlan")}
                        </Link>
                      ) : data.role === "manager" && data.quarter ? (
                        <Link
                          to={`/coaching/assign?${new URLSearchParams({ agent: s.agentCode, metric: s.metric, quarter: data.quarter.id, ...(s.interventions[0] ? { intervention: String(s.interventions[0].id) } : {}) })}`}
                          className="font-medium text-blue-700 hover:underline"
                          data-testid="assign-link"
                        >
                          {t("suggestions.assign")}
                        </Link>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className={card} aria-labelledby="plans" id="plans">
        <h2 className="text-lg font-semibold">{t("plans.title")}</h2>
        <div className="mt-4">
          <PlanTable plans={data.plans} />
        </div>
      </section>
    </div>
  );
}

export const ErrorBoundary = DashboardErrorBoundary;
