import type { LoaderFunctionArgs } from "@remix-run/node";
import { contextFor } from "~/utils/context.server";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DashboardErrorBoundary } from "~/components/dashboard/DashboardErrorBoundary";
import { HrOverview } from "~/components/dashboard/HrOverview";
import { QuarterPicker } from "~/components/dashboard/QuarterPicker";
import { ReviewReminderBanner } from "~/components/rubrics/ReviewReminderBanner";
import { getHrOverview } from "~/models/hrOverview.server";
import { getRubricReviewReminder } from "~/models/rubrics.server";
import { resolveQuarter } from "~/models/quarters.server";
import { getDb } from "~/utils/db.server";
import { OverduePlansNotice } from "~/components/coaching/CoachingBits";
import { overdueCoachingCount } from "~/models/coaching.server";
import { requirePermission } from "~/utils/policy.server";
import { requireUser } from "~/utils/session.server";

export const handle = { i18n: ["common", "dashboard", "rubrics", "coaching"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "view_org_overview");
  const db = await getDb();
  const { selected, quarters } = await resolveQuarter(db, user, new URL(request.url));
  const ctx = contextFor(db, user);
  const [overview, reviewReminder, overduePlans] = await Promise.all([
    getHrOverview(db, selected, quarters),
    getRubricReviewReminder(ctx),
    overdueCoachingCount(ctx),
  ]);
  return { ...overview, reviewReminder, overduePlans };
}

export default function HrOverviewRoute() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation("dashboard");
  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold tracking-tight" data-testid="page-title">
            {t("hr.title")}
          </h1>
          {data.quarter ? (
            <p className="text-sm text-gray-600">
              {t("hr.subtitle", { quarter: data.quarter.id, state: t(`quarter.state.${data.quarter.state}`) })}
            </p>
          ) : null}
          <Link to="/hr/imports" className="mt-1 inline-block text-sm text-blue-700 hover:underline">
            {t("hr.imports")}
          </Link>
        </div>
        <QuarterPicker quarters={data.quarters} selected={data.quarter} />
      </header>
      <ReviewReminderBanner reminder={data.reviewReminder} />
      <OverduePlansNotice count={data.overduePlans} to="/coaching#plans" />
      {data.quarters.length === 0 ? <p className="rounded-lg bg-white p-6 text-gray-600 shadow-sm">{t("quarter.none")}</p> : <HrOverview data={data} />}
    </div>
  );
}

export const ErrorBoundary = DashboardErrorBoundary;
