import { logPersonalRead, logTeamResultsRead } from "@starboard/core";
import { contextFor } from "~/utils/context.server";
import type { AgentIdentity, Db } from "@starboard/db";
import type { SessionUser } from "~/utils/session.server";

/**
 * Privacy: a view of someone else's personal results is recorded in the audit log
 * (action `personal_results.view`). An agent opening their own page is not logged.
 */
export async function logAgentPageRead(db: Db, viewer: SessionUser, agent: AgentIdentity, quarterId: string | null): Promise<void> {
  await logPersonalRead(contextFor(db, viewer), { agentId: agent.agentId, agentCode: agent.agentCode }, viewer.agentId, {
    page: `/agents/${agent.agentCode}`,
    quarter: quarterId,
  });
}

/** A team page lists every member's composite and grade: logged once per view, entity `team`. */
export async function logTeamPageRead(db: Db, viewer: SessionUser, teamId: number, quarterId: string | null): Promise<void> {
  await logTeamResultsRead(contextFor(db, viewer), teamId, { page: `/teams/${teamId}`, quarter: quarterId });
}
