import { logPersonalRead, logTeamResultsRead } from "@starboard/core";
import { contextFor } from "~/utils/context.server";
import type { AgentIdentity, Db } from "@starboard/db";
import type { SessionUser } from "~/utils/session.server";
import { repeatOnCacheHit } from "~/utils/pageCache/replay.server";

/**
 * Privacy: a view of someone else's personal results is recorded in the audit log
 * (action `personal_results.view`). An agent opening their own page is not logged.
 */
export async function logAgentPageRead(db: Db, viewer: SessionUser, agent: AgentIdentity, quarterId: string | null): Promise<void> {
  const log = (d: Db, v: SessionUser) =>
    logPersonalRead(contextFor(d, v), { agentId: agent.agentId, agentCode: agent.agentCode }, v.agentId, {
      page: `/agents/${agent.agentCode}`,
      quarter: quarterId,
    });
  // A page served from the page cache is still a view: the same entry is written on every hit.
  if (await log(db, viewer)) repeatOnCacheHit(log);
}

/** A team page lists every member's composite and grade: logged once per view, entity `team`. */
export async function logTeamPageRead(db: Db, viewer: SessionUser, teamId: number, quarterId: string | null): Promise<void> {
  const log = (d: Db, v: SessionUser) => logTeamResultsRead(contextFor(d, v), teamId, { page: `/teams/${teamId}`, quarter: quarterId });
  await log(db, viewer);
  repeatOnCacheHit(log);
}
