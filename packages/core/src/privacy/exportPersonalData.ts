import { appendAudit, findAgentByCode, personalDataOf } from "@starboard/db";
import { type Context, isoNow } from "../context.ts";
import { DomainError } from "../errors.ts";
import { assertActorCan } from "../policy/actor.ts";

/**
 * Everything Starboard holds about one person (by employee code), as one JSON document, for
 * a subject-access request. HR only; the export itself is audited. Password hashes and
 * session ids are never included.
 */
export async function exportPersonalData(ctx: Context, agentCode: string) {
  assertActorCan(ctx, "manage_privacy");
  const agent = await findAgentByCode(ctx.db, agentCode);
  if (!agent) throw new DomainError("not_found", `no agent ${agentCode}`, { agentCode });
  const data = await personalDataOf(ctx.db, agent.id);
  if (!data) throw new DomainError("not_found", `no agent ${agentCode}`, { agentCode });
  const exportedAt = isoNow(ctx);
  await appendAudit(ctx.db, {
    at: exportedAt,
    actor_user_id: ctx.actor.userId,
    actor_label: ctx.actor.label,
    action: "privacy.export",
    entity: "agent",
    entity_id: agent.agent_code,
    before: null,
    after: null,
  });
  return {
    format: "starboard-personal-data/1",
    exportedAt,
    exportedBy: ctx.actor.label,
    ...data,
    results: data.results.map((r) => ({ ...r, explanation: JSON.parse(r.explanation) as unknown })),
  };
}
