import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { type EffectivenessRow, effectivenessByIntervention, effectivenessByMentor } from "@starboard/db";
import { useTranslation } from "react-i18next";
import { card } from "~/components/coaching/CoachingBits";
import { DashboardErrorBoundary } from "~/components/dashboard/DashboardErrorBoundary";
import { getDb } from "~/utils/db.server";
import { requirePermission } from "~/utils/policy.server";
import { requireRole } from "~/utils/session.server";

export const handle = { i18n: ["common", "dashboard", "coaching"] };

/** HR: outcomes of evaluated plans per intervention and per mentor, with sample sizes. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "hr");
  requirePermission(user, "view_coaching_effectiveness");
  const db = await getDb();
  const [byIntervention, byMentor] = await Promise.all([effectivenessByIntervention(db), effectivenessByMentor(db)]);
  return { byIntervention, byMentor };
}

function EffectivenessTable({ rows, kind, testId }: { rows: EffectivenessRow[]; kind: "intervention" | "mentor"; testId: string }) {
  const { t } = useTranslation("coaching");
  if (rows.length === 0) return <p className="mt-2 text-sm text-gray-600">{t("effectiveness.none")}</p>;
  const pct = (n: number, of: number) => (of === 0 ? "–" : `${Math.round((n / of) * 100)}%`);
  return (
    <table className="mt-3 min-w-full text-left text-sm" data-testid={testId}>
      <thead className="border-b text-xs uppercase text-gray-500">
        <tr>
          <th className="py-2 pr-4">{t(kind === "intervention" ? "effectiveness.intervention" : "effectiveness.mentor")}</th>
          <th className="py-2 pr-4 text-right">{t("effectiveness.sample")}</th>
          <th className="py-2 pr-4 text-right">{t("outcome.target_met")}</th>
          <th className="py-2 pr-4 text-right">{t("outcome.improved")}</th>
          <th className="py-2 pr-4 text-right">{t("outcome.not_improved")}</th>
          <th className="py-2 pr-4 text-right">{t("outcome.no_data")}</th>
        </tr>
      </thead>
      <tbody className="divide-y">
        {rows.map((r) => (
          <tr key={r.id} data-testid="effectiveness-row">
            <td className="py-2 pr-4">
              {r.name}
              <span className="block text-xs text-gray-500">{kind === "intervention" ? t(`kind.${r.detail}`) : r.detail}</span>
            </td>
            <td className="py-2 pr-4 text-right font-medium" data-testid="sample-size">
              {r.evaluated}
            </td>
            <td className="py-2 pr-4 text-right">
              {r.targetMet} <span className="text-xs text-gray-500">({pct(r.targetMet, r.evaluated)})</span>
            </td>
            <td className="py-2 pr-4 text-right">
              {r.improved} <span className="text-xs text-gray-500">({pct(r.improved, r.evaluated)})</span>
            </td>
            <td className="py-2 pr-4 text-right">
              {r.notImproved} <span className="text-xs text-gray-500">({pct(r.notImproved, r.evaluated)})</span>
            </td>
            <td className="py-2 pr-4 text-right">{r.noData}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export default function EffectivenessRoute() {
  const { byIntervention, byMentor } = useLoaderData<typeof loader>();
  const { t } = useTranslation("coaching");
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-bold tracking-tight" data-testid="page-title">
          {t("effectiveness.title")}
        </h1>
        <p className="text-sm text-gray-600">{t("effectiveness.help")}</p>
        <Link to="/coaching" className="text-sm text-blue-700 hover:underline">
          {t("overview.title")}
        </Link>
      </header>
      <section className={card}>
        <h2 className="text-lg font-semibold">{t("effectiveness.byIntervention")}</h2>
        <EffectivenessTable rows={byIntervention} kind="intervention" testId="effectiveness-interventions" />
      </section>
      <section className={card}>
        <h2 className="text-lg font-semibold">{t("effectiveness.byMentor")}</h2>
        <EffectivenessTable rows={byMentor} kind="mentor" testId="effectiveness-mentors" />
      </section>
    </div>
  );
}

export const ErrorBoundary = DashboardErrorBoundary;
