import { appendAudit } from "@starboard/db";
import { type Context, isoNow } from "../context.ts";

/**
 * Records that the actor looked at another person's personal results (PIPL/GDPR: reads of
 * personal performance data are accountable). An agent viewing their own page is not logged.
 */
export async function logPersonalRead(
  ctx: Context,
  subject: { agentId: number; agentCode: string },
  viewerAgentId: number | null,
  detail: { page: string; quarter?: string | null },
): Promise<boolean> {
  if (viewerAgentId !== null && viewerAgentId === subject.agentId) return false;
  await appendAudit(ctx.db, {
    at: isoNow(ctx),
    actor_user_id: ctx.actor.userId,
    actor_label: ctx.actor.label,
    action: "personal_results.view",
    entity: "agent",
    entity_id: subject.agentCode,
    before: null,
    after: JSON.stringify(detail),
  });
  return true;
}

/** A team page lists every member's composite and grade: one audit entry per view, entity `team`. */
export async function logTeamResultsRead(ctx: Context, teamId: number, detail: { page: string; quarter?: string | null }): Promise<void> {
  await appendAudit(ctx.db, {
    at: isoNow(ctx),
    actor_user_id: ctx.actor.userId,
    actor_label: ctx.actor.label,
    action: "personal_results.view",
    entity: "team",
    entity_id: String(teamId),
    before: null,
    after: JSON.stringify(detail),
  });
}
