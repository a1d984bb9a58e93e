import { appendAudit, insertResultAdjustment, listQuarterResults, lockQuarterForWrite, updateResultFinal } from "@starboard/db";
import { checkAdjustment, finalComposite, gradeFor, rankCompetition } from "@starboard/kpi";
import { type Context, isoNow } from "../context.ts";
import { DomainError } from "../errors.ts";
import { assertActorCan } from "../policy/actor.ts";
import { inTransaction } from "../transaction.ts";
import { parseQuarterId } from "../cycle/step.ts";
import { findResultFor } from "./findResult.ts";

export interface AdjustResultInput {
  quarterId: string;
  agentCode: string;
  /** Points, at most ± 5; 0 removes an adjustment. */
  adjustment: number;
  reason: string;
}

/**
 * HR adjusts an agent's composite by at most ± 5 points with a reason, while the quarter is
 * calculated or in review. The computed composite is never overwritten: final = computed +
 * adjustment, and the final drives grade and ranks (the whole quarter is re-ranked).
 */
export async function adjustResult(ctx: Context, input: AdjustResultInput) {
  assertActorCan(ctx, "adjust_result");
  const check = checkAdjustment(input.adjustment);
  if (!check.ok) throw new DomainError("invalid_input", check.message, { field: "adjustment", code: check.code });
  const reason = input.reason.trim();
  if (!reason) throw new DomainError("invalid_input", "an adjustment needs a reason", { field: "reason" });
  if (reason.length > 1000) throw new DomainError("invalid_input", "the reason is too long (at most 1000 characters)", { field: "reason" });
  const at = isoNow(ctx);
  return inTransaction(ctx.db, async (trx) => {
    await lockQuarterForWrite(trx, parseQuarterId(input.quarterId)); // first: the state read below is the committed one
    const { quarter, result } = await findResultFor(trx, input.quarterId, input.agentCode);
    if (quarter.state !== "calculated" && quarter.state !== "in_review") {
      throw new DomainError("quarter_locked", `${quarter.id} is ${quarter.state}: adjustments are possible only while it is calculated or in review`, {
        quarter: quarter.id,
        state: quarter.state,
      });
    }
    if (result.composite === null) throw new DomainError("invalid_input", `${input.agentCode} has insufficient data in ${quarter.id}: there is no score to adjust`, { field: "adjustment" });

    const rows = await listQuarterResults(trx, quarter.id);
    const finals = rows.map((r) => {
      const adjustment = Number(r.agent_id) === Number(result.agent_id) ? input.adjustment : Number(r.adjustment);
      const final = finalComposite(r.composite, adjustment);
      return { row: r, adjustment, final, rankOrg: null as number | null, rankTeam: null as number | null };
    });
    for (const { item, rank } of rankCompetition(finals, (f) => f.final)) item.rankOrg = rank;
    const teams = new Map<number, typeof finals>();
    for (const f of finals) teams.set(Number(f.row.team_id), [...(teams.get(Number(f.row.team_id)) ?? []), f]);
    for (const members of teams.values()) for (const { item, rank } of rankCompetition(members, (f) => f.final)) item.rankTeam = rank;
    for (const f of finals) {
      await updateResultFinal(trx, quarter.id, Number(f.row.agent_id), {
        adjustment: f.adjustment,
        final_composite: f.final,
        grade: f.final === null ? null : gradeFor(f.final),
        rank_team: f.rankTeam,
        rank_org: f.rankOrg,
      });
    }
    await insertResultAdjustment(trx, { quarterId: quarter.id, agentId: Number(result.agent_id), adjustment: input.adjustment, reason, actorUserId: ctx.actor.userId, actorLabel: ctx.actor.label, at });
    const mine = finals.find((f) => Number(f.row.agent_id) === Number(result.agent_id))!;
    const after = { adjustment: input.adjustment, finalComposite: mine.final, grade: mine.final === null ? null : gradeFor(mine.final), reason };
    await appendAudit(trx, {
      at,
      actor_user_id: ctx.actor.userId,
      actor_label: ctx.actor.label,
      action: "result.adjust",
      entity: "quarter_result",
      entity_id: `${quarter.id}:${result.agent_code}`,
      before: JSON.stringify({ adjustment: result.adjustment, finalComposite: result.final_composite, grade: result.grade }),
      after: JSON.stringify(after),
    });
    return { quarter: quarter.id, agentCode: result.agent_code, composite: result.composite, ...after };
  });
}
