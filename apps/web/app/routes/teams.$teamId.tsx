import type { LoaderFunctionArgs } from "@remix-run/node";
import { contextFor } from "~/utils/context.server";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DashboardErrorBoundary } from "~/components/dashboard/DashboardErrorBoundary";
import { QuarterPicker } from "~/components/dashboard/QuarterPicker";
import { TeamRankingTable } from "~/components/dashboard/TeamRankingTable";
import { resolveQuarter } from "~/models/quarters.server";
import { getTeamPageData, requireViewableTeam } from "~/models/teamPage.server";
import { logTeamPageRead } from "~/models/personalReads.server";
import { getDb } from "~/utils/db.server";
import { OverduePlansNotice } from "~/components/coaching/CoachingBits";
import { overdueCoachingCount } from "~/models/coaching.server";
import { requireUser } from "~/utils/session.server";

export const handle = { i18n: ["common", "dashboard", "coaching"] };

/** HR, or a manager for their own teams; any other team (or a team that doesn't exist) is the same 404. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const db = await getDb();
  const team = await requireViewableTeam(db, user, params.teamId);
  const { selected, quarters } = await resolveQuarter(db, user, new URL(request.url));
  const [data, overduePlans] = await Promise.all([
    getTeamPageData(db, team, selected, quarters),
    overdueCoachingCount(contextFor(db, user), [team.id]),
  ]);
  await logTeamPageRead(db, user, team.id, selected?.id ?? null);
  return { ...data, overduePlans };
}

export default function TeamRoute() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation("dashboard");
  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-end justify-between gap-4">
        <h1 className="text-2xl font-bold tracking-tight" data-testid="page-title">
          {t("team.title", { team: data.team.name })}
        </h1>
        <QuarterPicker quarters={data.quarters} selected={data.quarter} />
      </header>
      <OverduePlansNotice count={data.overduePlans} to="/coaching#plans" />
      {!data.quarter ? (
        <p className="rounded-lg bg-white p-6 text-gray-600 shadow-sm">{t("quarter.noneVisible")}</p>
      ) : data.agents.length === 0 ? (
        <p className="rounded-lg bg-white p-6 text-gray-600 shadow-sm">{t("team.noAgents")}</p>
      ) : (
        <TeamRankingTable data={data} />
      )}
    </div>
  );
}

export const ErrorBoundary = DashboardErrorBoundary;
