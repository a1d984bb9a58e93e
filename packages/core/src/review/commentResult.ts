import { appendAudit, insertResultComment, lockQuarterForWrite } from "@starboard/db";
import { type Context, isoNow } from "../context.ts";
import { DomainError } from "../errors.ts";
import { assertActorCan } from "../policy/actor.ts";
import { inTransaction } from "../transaction.ts";
import { parseQuarterId } from "../cycle/step.ts";
import { findResultFor } from "./findResult.ts";

export const COMMENT_MAX_LENGTH = 2000;

export function cleanCommentBody(body: string): string {
  const text = body.trim();
  if (!text) throw new DomainError("invalid_input", "the comment is empty", { field: "body" });
  if (text.length > COMMENT_MAX_LENGTH) throw new DomainError("invalid_input", `the comment is too long (at most ${COMMENT_MAX_LENGTH} characters)`, { field: "body" });
  return text;
}

/** A manager (of the agent's team) or HR comments on an agent's result during review. */
export async function commentResult(ctx: Context, input: { quarterId: string; agentCode: string; body: string }) {
  const body = cleanCommentBody(input.body);
  const at = isoNow(ctx);
  return inTransaction(ctx.db, async (trx) => {
    await lockQuarterForWrite(trx, parseQuarterId(input.quarterId)); // first: the state read below is the committed one
    const { quarter, result } = await findResultFor(trx, input.quarterId, input.agentCode);
    assertActorCan(ctx, "comment_result", { teamId: Number(result.team_id) });
    if (quarter.state !== "in_review") {
      throw new DomainError("invalid_transition", `managers comment while ${quarter.id} is in review (it is ${quarter.state})`, { quarter: quarter.id, state: quarter.state });
    }
    await insertResultComment(trx, { quarterId: quarter.id, agentId: Number(result.agent_id), kind: "manager", body, authorUserId: ctx.actor.userId, authorLabel: ctx.actor.label, at });
    await appendAudit(trx, {
      at,
      actor_user_id: ctx.actor.userId,
      actor_label: ctx.actor.label,
      action: "result.comment",
      entity: "quarter_result",
      entity_id: `${quarter.id}:${result.agent_code}`,
      before: null,
      after: JSON.stringify({ body }),
    });
    return { quarter: quarter.id, agentCode: result.agent_code };
  });
}
