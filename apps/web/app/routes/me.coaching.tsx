import type { LoaderFunctionArgs } from "@remix-run/node";
import { contextFor } from "~/utils/context.server";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { card, MetricValue, OutcomeBadge, OverdueBadge, PlanStatusBadge, TargetValue, useDate } from "~/components/coaching/CoachingBits";
import { DashboardErrorBoundary } from "~/components/dashboard/DashboardErrorBoundary";
import { requireOwnAgent } from "~/models/agentPage.server";
import { getMyCoachingData } from "~/models/coaching.server";
import { getDb } from "~/utils/db.server";
import { requirePermission } from "~/utils/policy.server";
import { requireRole } from "~/utils/session.server";

export const handle = { i18n: ["common", "dashboard", "coaching"] };

/** The signed-in agent's own plans only: what is expected, by when, and progress so far. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "agent");
  const db = await getDb();
  const agent = await requireOwnAgent(db, user);
  requirePermission(user, "view_coaching_plan", { agentId: agent.agentId, teamId: agent.teamId });
  return getMyCoachingData(contextFor(db, user), user);
}

export default function MyCoachingRoute() {
  const { plans } = useLoaderData<typeof loader>();
  const { t } = useTranslation("coaching");
  const { t: td } = useTranslation("dashboard");
  const date = useDate();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold tracking-tight" data-testid="page-title">
        {t("me.title")}
      </h1>
      {plans.length === 0 ? <p className={`${card} text-gray-600`}>{t("me.none")}</p> : null}
      <ul className="space-y-4" data-testid="my-plans">
        {plans.map((p) => (
          <li key={p.id} className={card} data-testid="my-plan" data-plan-id={p.id}>
            <div className="flex flex-wrap items-center justify-between gap-2">
              <h2 className="text-lg font-semibold">
                <Link to={`/coaching/plans/${p.id}`} className="text-blue-700 hover:underline">
                  {td(`metric.${p.metric}`, { defaultValue: p.metric })} · {p.interventionName}
                </Link>
              </h2>
              <span className="flex items-center gap-2">
                <PlanStatusBadge status={p.status} />
                <OutcomeBadge outcome={p.outcome} />
              </span>
            </div>
            <p className="mt-2 text-sm">
              {t("me.expected")}{" "}
              <strong>
                <TargetValue target={p.target} unit={p.unit} direction={p.direction} />
              </strong>{" "}
              {t("me.inQuarter", { quarter: p.targetQuarter })} · {t("plan.due", { date: date(p.dueDate) })}
              {p.overdue ? <OverdueBadge /> : null}
            </p>
            <p className="mt-1 text-sm text-gray-600">
              {t("plans.beforeAfter")} <MetricValue value={p.before} unit={p.unit} /> → <MetricValue value={p.after} unit={p.unit} />
            </p>
            {p.progress ? (
              <p className="mt-1 text-sm" data-testid="my-plan-progress">
                {t("me.progress", { quarter: p.progress.quarter })}{" "}
                <strong>
                  <MetricValue value={p.progress.current.value} unit={p.unit} />
                </strong>
                {p.progress.dataThrough ? ` · ${t("progress.through", { date: date(p.progress.dataThrough) })}` : ""}
              </p>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

export const ErrorBoundary = DashboardErrorBoundary;
