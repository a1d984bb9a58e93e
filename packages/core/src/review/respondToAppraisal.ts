import { appendAudit, findAcknowledgement, insertAcknowledgement, insertResultComment, lockQuarterForWrite } from "@starboard/db";
import { type Context, isoNow } from "../context.ts";
import { DomainError } from "../errors.ts";
import { assertActorCan } from "../policy/actor.ts";
import { inTransaction } from "../transaction.ts";
import { parseQuarterId } from "../cycle/step.ts";
import { cleanCommentBody } from "./commentResult.ts";
import { findResultFor } from "./findResult.ts";

export type AppraisalResponse = { kind: "acknowledge" } | { kind: "comment" | "appeal"; body: string };

/**
 * After publication the agent acknowledges their appraisal (once), and may comment on it or
 * appeal to HR (the appeal is listed on HR's cycle page).
 */
export async function respondToAppraisal(ctx: Context, input: { quarterId: string; agentCode: string; response: AppraisalResponse }) {
  const body = input.response.kind === "acknowledge" ? null : cleanCommentBody(input.response.body);
  const at = isoNow(ctx);
  return inTransaction(ctx.db, async (trx) => {
    await lockQuarterForWrite(trx, parseQuarterId(input.quarterId)); // a reopen cannot slip between the state check and the write
    const { quarter, result } = await findResultFor(trx, input.quarterId, input.agentCode);
    assertActorCan(ctx, "respond_appraisal", { agentId: Number(result.agent_id) });
    if (quarter.state !== "published") throw new DomainError("not_found", `no published appraisal for ${quarter.id}`, { quarter: quarter.id });
    const agentId = Number(result.agent_id);
    if (input.response.kind === "acknowledge") {
      if (await findAcknowledgement(trx, quarter.id, agentId)) return { quarter: quarter.id, kind: "acknowledge" as const, already: true };
      if (ctx.actor.userId === null) throw new DomainError("forbidden", "only the agent can acknowledge their appraisal");
      await insertAcknowledgement(trx, { quarterId: quarter.id, agentId, userId: ctx.actor.userId, at });
    } else {
      await insertResultComment(trx, { quarterId: quarter.id, agentId, kind: input.response.kind === "appeal" ? "appeal" : "agent", body: body!, authorUserId: ctx.actor.userId, authorLabel: ctx.actor.label, at });
    }
    await appendAudit(trx, {
      at,
      actor_user_id: ctx.actor.userId,
      actor_label: ctx.actor.label,
      action: `appraisal.${input.response.kind}`,
      entity: "quarter_result",
      entity_id: `${quarter.id}:${result.agent_code}`,
      before: null,
      after: JSON.stringify({ body }),
    });
    return { quarter: quarter.id, kind: input.response.kind, already: false };
  });
}
