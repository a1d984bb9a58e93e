import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AgentResultPage } from "~/components/dashboard/AgentResultPage";
import { DashboardErrorBoundary } from "~/components/dashboard/DashboardErrorBoundary";
import { getAgentPageData, requireOwnAgent } from "~/models/agentPage.server";
import { getDb } from "~/utils/db.server";
import { requireRole } from "~/utils/session.server";

export const handle = { i18n: ["common", "dashboard"] };

/**
 * The signed-in agent's own standing: the same data function as /agents/<code>, so only
 * published quarters (policy view_quarter) and team aggregates, never other agents' results.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "agent");
  const db = await getDb();
  const agent = await requireOwnAgent(db, user);
  return getAgentPageData(db, user, agent, new URL(request.url));
}

export default function MyStandingRoute() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation("dashboard");
  return <AgentResultPage data={data} title={t("agent.meTitle")} />;
}

export const ErrorBoundary = DashboardErrorBoundary;
