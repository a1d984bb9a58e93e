import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AgentResultPage } from "~/components/dashboard/AgentResultPage";
import { DashboardErrorBoundary } from "~/components/dashboard/DashboardErrorBoundary";
import { getAgentPageData, requireViewableAgent } from "~/models/agentPage.server";
import { logAgentPageRead } from "~/models/personalReads.server";
import { getDb } from "~/utils/db.server";
import { requireUser } from "~/utils/session.server";

export const handle = { i18n: ["common", "dashboard"] };

/** HR, the manager of the agent's team, or the agent themself; anyone else (or an unknown code) gets the same 404. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const db = await getDb();
  const agent = await requireViewableAgent(db, user, params.code);
  const data = await getAgentPageData(db, user, agent, new URL(request.url));
  await logAgentPageRead(db, user, agent, data.quarter?.id ?? null);
  return data;
}

export default function AgentRoute() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation("dashboard");
  return <AgentResultPage data={data} title={t("agent.title", { name: data.agent.name, code: data.agent.code })} />;
}

export const ErrorBoundary = DashboardErrorBoundary;
