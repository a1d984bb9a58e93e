import { agentIdsByCode, appendAudit, findQuarter, listNominations, lockQuarterForWrite, setNominationStatus } from "@starboard/db";
import { type Context, isoNow } from "../context.ts";
import { DomainError } from "../errors.ts";
import { assertActorCan } from "../policy/actor.ts";
import { inTransaction } from "../transaction.ts";
import { parseQuarterId } from "../cycle/step.ts";

export interface DecideNominationInput {
  quarterId: string;
  agentCode: string;
  decision: "approve" | "reject";
  reason?: string;
  /** Award type key when the agent has several nominations; default: the only open one. */
  awardKey?: string;
}

/**
 * HR approves or rejects an agent's nomination. A rejection needs a reason; an approval may
 * have one. Only once the quarter is locked or published (nominations exist from lock on), and
 * a decision can be changed while the quarter is locked.
 */
export async function decideNomination(ctx: Context, input: DecideNominationInput) {
  assertActorCan(ctx, "decide_awards");
  const quarterId = parseQuarterId(input.quarterId);
  const reason = input.reason?.trim() || null;
  if (input.decision === "reject" && !reason) throw new DomainError("invalid_input", "rejecting a nomination needs a reason (--reason)", { field: "reason" });
  if (reason && reason.length > 1000) throw new DomainError("invalid_input", "the reason is too long (at most 1000 characters)", { field: "reason" });
  const at = isoNow(ctx);
  return inTransaction(ctx.db, async (trx) => {
    await lockQuarterForWrite(trx, quarterId); // a reopen withdraws open nominations: not while one is being decided
    const quarter = await findQuarter(trx, quarterId);
    if (!quarter) throw new DomainError("not_found", `no quarter ${quarterId}`, { quarter: quarterId });
    const raw = input.agentCode.trim();
    const ids = await agentIdsByCode(trx, [raw, raw.toUpperCase()]);
    const code = ids.has(raw) ? raw : raw.toUpperCase();
    const agentId = ids.get(code);
    const candidates = (await listNominations(trx, quarterId)).filter(
      (n) => Number(n.agent_id) === agentId && (input.awardKey === undefined || n.award_key === input.awardKey),
    );
    if (agentId === undefined || candidates.length === 0) {
      throw new DomainError("not_found", `${code} has no nomination in ${quarterId}`, { quarter: quarterId, agentCode: code });
    }
    if (quarter.state === "published") {
      const open = candidates.filter((n) => n.status === "nominated");
      if (open.length === 0) throw new DomainError("invalid_transition", `${quarterId} is published: its award decisions are final (reopen it to change them)`, { quarter: quarterId });
    }
    const target = candidates.find((n) => n.status === "nominated") ?? candidates[0]!;
    if (candidates.length > 1 && input.awardKey === undefined && candidates.filter((n) => n.status === "nominated").length > 1) {
      throw new DomainError("invalid_input", `${code} has several nominations in ${quarterId}; name the award`, { agentCode: code });
    }
    const status = input.decision === "approve" ? "approved" : "rejected";
    await setNominationStatus(trx, target.id, { status, reason, decidedBy: ctx.actor.label, decidedAt: at });
    await appendAudit(trx, {
      at,
      actor_user_id: ctx.actor.userId,
      actor_label: ctx.actor.label,
      action: `award.${input.decision}`,
      entity: "award_nomination",
      entity_id: String(target.id),
      before: JSON.stringify({ status: target.status, reason: target.reason }),
      after: JSON.stringify({ status, reason, quarter: quarterId, agentCode: code, award: target.award_name }),
    });
    return { quarter: quarterId, agentCode: code, award: target.award_name, status, reason };
  });
}
