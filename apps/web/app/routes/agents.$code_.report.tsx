import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GradeBadge } from "~/components/dashboard/Badges";
import { DashboardErrorBoundary } from "~/components/dashboard/DashboardErrorBoundary";
import { ScoreExplanation } from "~/components/dashboard/ScoreExplanation";
import { useDashboardFormat } from "~/components/dashboard/useDashboardFormat";
import { OutcomeBadge, PlanStatusBadge, TargetValue } from "~/components/coaching/CoachingBits";
import { withAppraisal } from "~/models/agentAppraisal.server";
import { getAgentPageData, requireViewableAgent } from "~/models/agentPage.server";
import { reportCoachingPlans } from "~/models/coaching.server";
import { dashboardError } from "~/models/quarters.server";
import printCss from "~/styles/print.css?url";
import { getDb } from "~/utils/db.server";
import { requireUser } from "~/utils/session.server";

export const handle = { i18n: ["common", "dashboard", "cycle", "coaching"] };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: printCss }];

/** Printable appraisal report: /agents/<code>/report?quarter=YYYY-Qn — same access as the agent page. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const db = await getDb();
  const agent = await requireViewableAgent(db, user, params.code);
  const data = await withAppraisal(db, user, agent, await getAgentPageData(db, user, agent, new URL(request.url)));
  if (!data.result || !data.quarter) throw dashboardError(404, { code: "notFound" });
  // Same access as the report itself: whoever may view the agent sees the agent's plans here.
  const coachingPlans = await reportCoachingPlans(db, agent.agentId, data.quarter.id, new Date());
  return { ...data, coachingPlans, printedAt: new Date().toISOString().slice(0, 10) };
}

export default function ReportRoute() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation("cycle");
  const { t: tc } = useTranslation("coaching");
  const { t: td } = useTranslation("dashboard");
  const f = useDashboardFormat();
  const result = data.result!;
  const managerComments = data.appraisal.comments.filter((c) => c.kind === "manager");
  return (
    <article className="report mx-auto max-w-3xl space-y-6 bg-white p-6" data-testid="appraisal-report">
      <div className="report-actions flex justify-between">
        <Link to={`/agents/${data.agent.code}?quarter=${data.quarter!.id}`} className="text-sm text-blue-700 hover:underline">
          {t("report.back")}
        </Link>
        <button type="button" onClick={() => window.print()} className="rounded-md bg-blue-600 px-3 py-1.5 text-sm font-medium text-white">
          {t("report.print")}
        </button>
      </div>
      <header>
        <h1 className="text-2xl font-bold" data-testid="page-title">
          {t("report.title", { quarter: data.quarter!.id })}
        </h1>
        <p className="text-gray-700">
          {data.agent.name} ({data.agent.code}) · {result.teamName}
        </p>
        <p className="text-xs text-gray-500">{t("report.printedAt", { date: data.printedAt })}</p>
      </header>
      <section className="grid grid-cols-3 gap-4" data-testid="report-summary">
        <div>
          <p className="text-sm text-gray-500">{t("report.composite")}</p>
          <p className="text-2xl font-bold tabular-nums" data-testid="report-composite">
            {f.one(result.compositeDisplay)}
          </p>
          {result.adjustment !== 0 ? (
            <p className="text-xs text-gray-600">{t("report.computedAndAdjustment", { computed: f.one(result.computedDisplay), adjustment: f.upTo(result.adjustment, 2) })}</p>
          ) : null}
        </div>
        <div>
          <p className="text-sm text-gray-500">{t("report.grade")}</p>
          <GradeBadge grade={result.grade} />
        </div>
        <div>
          <p className="text-sm text-gray-500">{t("report.rank")}</p>
          <p className="tabular-nums">
            {result.rankTeam ?? "–"} / {result.rankedInTeam}
          </p>
        </div>
      </section>
      <ScoreExplanation result={result} weakThreshold={data.weakThreshold} />
      <section>
        <h2 className="text-lg font-semibold">{t("report.managerComment")}</h2>
        {managerComments.length === 0 ? (
          <p className="text-sm text-gray-600">{t("report.noComment")}</p>
        ) : (
          <ul className="text-sm" data-testid="report-comments">
            {managerComments.map((c) => (
              <li key={c.id}>
                {c.body} <span className="text-xs text-gray-500">({c.by})</span>
              </li>
            ))}
          </ul>
        )}
        {data.appraisal.adjustment ? <p className="mt-1 text-sm">{t("agent.adjustment", { value: f.upTo(data.appraisal.adjustment.value, 2), reason: data.appraisal.adjustment.reason })}</p> : null}
      </section>
      <section>
        <h2 className="text-lg font-semibold">{t("report.awards")}</h2>
        {data.appraisal.awards.filter((a) => a.quarter === data.quarter!.id).length === 0 ? (
          <p className="text-sm text-gray-600">{t("agent.noAwards")}</p>
        ) : (
          <ul className="text-sm" data-testid="report-awards">
            {data.appraisal.awards
              .filter((a) => a.quarter === data.quarter!.id)
              .map((a) => (
                <li key={a.award}>
                  {a.award} · {f.upTo(a.amount, 2)} {a.currency}
                </li>
              ))}
          </ul>
        )}
      </section>
      <section>
        <h2 className="text-lg font-semibold">{t("report.coaching")}</h2>
        <p className="text-sm text-gray-600">
          {result.weakCount > 0 ? t("report.coachingWeak", { count: result.weakCount }) : t("report.coachingNone")}
        </p>
        <h3 className="mt-3 text-base font-semibold">{t("report.coachingPlans")}</h3>
        {data.coachingPlans.length === 0 ? (
          <p className="text-sm text-gray-600" data-testid="report-no-plans">
            {t("report.noPlans")}
          </p>
        ) : (
          <table className="mt-1 w-full text-sm" data-testid="report-plans">
            <thead>
              <tr className="text-left text-gray-500">
                <th className="py-1 pr-3 font-medium">{tc("plans.intervention")}</th>
                <th className="py-1 pr-3 font-medium">{t("report.mentor")}</th>
                <th className="py-1 pr-3 font-medium">{tc("plans.due")}</th>
                <th className="py-1 pr-3 font-medium">{tc("plans.target")}</th>
                <th className="py-1 pr-3 font-medium">{tc("plans.status")}</th>
                <th className="py-1 font-medium">{tc("plans.outcome")}</th>
              </tr>
            </thead>
            <tbody>
              {data.coachingPlans.map((p) => (
                <tr key={p.id} className="border-t border-gray-100 align-top" data-testid="report-plan" data-plan={p.id}>
                  <td className="py-1 pr-3">{p.interventionName}</td>
                  <td className="py-1 pr-3">{p.ownerName}</td>
                  <td className="py-1 pr-3 tabular-nums">{p.dueDate}</td>
                  <td className="py-1 pr-3">
                    {td(`metric.${p.metric}`, { defaultValue: p.metric })} <TargetValue target={p.target} unit={p.unit} direction={p.direction} />{" "}
                    <span className="text-xs text-gray-500">({p.targetQuarter})</span>
                  </td>
                  <td className="py-1 pr-3">
                    <PlanStatusBadge status={p.status} />
                  </td>
                  <td className="py-1">
                    {p.outcome === null ? <span className="text-sm text-gray-500">{tc("outcome.pending")}</span> : <OutcomeBadge outcome={p.outcome} />}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </article>
  );
}

export const ErrorBoundary = DashboardErrorBoundary;
