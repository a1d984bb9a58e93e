import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { contextFor } from "~/utils/context.server";
import { readForm } from "~/utils/form.server";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AppraisalPanel } from "~/components/cycle/AppraisalPanel";
import { AgentResultPage } from "~/components/dashboard/AgentResultPage";
import { handleAppraisalAction } from "~/models/appraisal.server";
import { withAppraisal } from "~/models/agentAppraisal.server";
import { assertSameOrigin } from "~/utils/csrf.server";
import { DashboardErrorBoundary } from "~/components/dashboard/DashboardErrorBoundary";
import { getAgentPageData, requireOwnAgent } from "~/models/agentPage.server";
import { getDb } from "~/utils/db.server";
import { requireRole } from "~/utils/session.server";

export const handle = { i18n: ["common", "dashboard", "cycle"] };

/**
 * The signed-in agent's own standing: the same data function as /agents/<code>, so only
 * published quarters (policy view_quarter) and team aggregates, never other agents' results.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "agent");
  const db = await getDb();
  const agent = await requireOwnAgent(db, user);
  return withAppraisal(db, user, agent, await getAgentPageData(db, user, agent, new URL(request.url)));
}

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const user = await requireRole(request, "agent");
  const db = await getDb();
  const agent = await requireOwnAgent(db, user);
  return handleAppraisalAction(contextFor(db, user), user, agent, await readForm(request));
}

export default function MyStandingRoute() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation("dashboard");
  const reportHref = data.result && data.quarter ? `/agents/${data.agent.code}/report?quarter=${data.quarter.id}` : null;
  return (
    <div className="space-y-6">
      <AgentResultPage data={data} title={t("agent.meTitle")} />
      <AppraisalPanel data={data.appraisal} reportHref={reportHref} result={result} />
    </div>
  );
}

export const ErrorBoundary = DashboardErrorBoundary;
