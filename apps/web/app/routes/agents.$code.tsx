import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { contextFor } from "~/utils/context.server";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AppraisalPanel } from "~/components/cycle/AppraisalPanel";
import { AgentResultPage } from "~/components/dashboard/AgentResultPage";
import { handleAppraisalAction } from "~/models/appraisal.server";
import { withAppraisal } from "~/models/agentAppraisal.server";
import { assertSameOrigin } from "~/utils/csrf.server";
import { readForm } from "~/utils/form.server";
import { DashboardErrorBoundary } from "~/components/dashboard/DashboardErrorBoundary";
import { getAgentPageData, requireViewableAgent } from "~/models/agentPage.server";
import { logAgentPageRead } from "~/models/personalReads.server";
import { getDb } from "~/utils/db.server";
import { requireUser } from "~/utils/session.server";

export const handle = { i18n: ["common", "dashboard", "cycle"] };

/** HR, the manager of the agent's team, or the agent themself; anyone else (or an unknown code) gets the same 404. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const db = await getDb();
  const agent = await requireViewableAgent(db, user, params.code);
  const data = await getAgentPageData(db, user, agent, new URL(request.url));
  await logAgentPageRead(db, user, agent, data.quarter?.id ?? null);
  return withAppraisal(db, user, agent, data);
}

export async function action({ request, params }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const user = await requireUser(request);
  const db = await getDb();
  const agent = await requireViewableAgent(db, user, params.code);
  return handleAppraisalAction(contextFor(db, user), user, agent, await readForm(request));
}

export default function AgentRoute() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation("dashboard");
  const reportHref = data.result && data.quarter ? `/agents/${data.agent.code}/report?quarter=${data.quarter.id}` : null;
  return (
    <div className="space-y-6">
      <AgentResultPage data={data} title={t("agent.title", { name: data.agent.name, code: data.agent.code })} />
      <AppraisalPanel data={data.appraisal} reportHref={reportHref} result={result} />
    </div>
  );
}

export const ErrorBoundary = DashboardErrorBoundary;
