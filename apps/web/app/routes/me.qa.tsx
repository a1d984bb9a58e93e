import type { LoaderFunctionArgs } from "@remix-run/node";
import { contextFor } from "~/utils/context.server";
import { Link, useLoaderData } from "@remix-run/react";
import { listMyQaEvaluations } from "@starboard/core";
import { useTranslation } from "react-i18next";
import { DashboardErrorBoundary } from "~/components/dashboard/DashboardErrorBoundary";
import { loadOr404 } from "~/models/qa.server";
import { getDb } from "~/utils/db.server";
import { requireRole } from "~/utils/session.server";

export const handle = { i18n: ["common", "dashboard", "qa"] };

/** The signed-in agent's finalised QA evaluations (independent of quarter publication), with dispute state. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "agent");
  // Policy: listMyQaEvaluations returns only the signed-in agent's own final evaluations.
  const evaluations = await loadOr404(async () => listMyQaEvaluations(contextFor(await getDb(), user)));
  return { evaluations };
}

export default function MyQaRoute() {
  const { evaluations } = useLoaderData<typeof loader>();
  const { t } = useTranslation("qa");
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold tracking-tight" data-testid="page-title">
        {t("me.title")}
      </h1>
      <p className="text-sm text-gray-600">{t("me.help")}</p>
      {evaluations.length === 0 ? (
        <p className="text-sm text-gray-600">{t("me.empty")}</p>
      ) : (
        <table className="w-full rounded-lg bg-white text-left text-sm shadow-sm" data-testid="my-evaluations">
          <thead>
            <tr className="text-gray-500">
              <th className="p-2">{t("table.evaluation")}</th>
              <th className="p-2">{t("table.date")}</th>
              <th className="p-2">{t("table.form")}</th>
              <th className="p-2">{t("table.score")}</th>
              <th className="p-2">{t("table.dispute")}</th>
            </tr>
          </thead>
          <tbody>
            {evaluations.map((e) => (
              <tr key={e.id} className="border-t border-gray-100" data-testid={`my-evaluation-${e.id}`}>
                <td className="p-2">
                  <Link to={`/qa/evaluations/${e.id}`} className="text-blue-700 hover:underline">
                    {e.evaluationId}
                  </Link>
                </td>
                <td className="p-2">{e.date}</td>
                <td className="p-2">{t("evaluation.form", { name: e.formName, version: e.formVersion })}</td>
                <td className="p-2">
                  {e.scorePct}% · {e.passed ? t("evaluation.passed") : t("evaluation.failed")}
                  {e.fatal ? ` · ${t("evaluation.fatal")}` : ""}
                </td>
                <td className="p-2">
                  {e.disputeStatus
                    ? t(`dispute.status.${e.disputeStatus}`)
                    : e.canDispute
                      ? t("me.canDisputeUntil", { deadline: e.disputeDeadline?.slice(0, 10) })
                      : t("me.windowClosed")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

export const ErrorBoundary = DashboardErrorBoundary;
