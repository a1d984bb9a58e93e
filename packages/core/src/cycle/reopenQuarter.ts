import { lockQuarterForWrite, withdrawOpenNominations } from "@starboard/db";
import type { Context } from "../context.ts";
import { DomainError } from "../errors.ts";
import { assertActorCan } from "../policy/actor.ts";
import { inTransaction } from "../transaction.ts";
import { applyCycleStep, parseQuarterId, type TransitionResult } from "./step.ts";

/**
 * locked or published → in review, for a correction. HR only, reason required (audited).
 * Withdraws the quarter's undecided nominations (approved/rejected ones stay as decided);
 * locking again re-evaluates the award rules.
 */
export async function reopenQuarter(ctx: Context, quarterId: string, reason: string): Promise<TransitionResult & { withdrawn: number }> {
  assertActorCan(ctx, "manage_cycle");
  const id = parseQuarterId(quarterId);
  const why = reason.trim();
  if (why.length === 0) throw new DomainError("invalid_input", "reopening a quarter needs a reason", { field: "reason" });
  if (why.length > 1000) throw new DomainError("invalid_input", "the reason is too long (at most 1000 characters)", { field: "reason" });
  return inTransaction(ctx.db, async (trx) => {
    await lockQuarterForWrite(trx, id); // first: the state read below is the committed one
    const { row: _row, ...result } = await applyCycleStep(ctx, trx, id, "reopen", why);
    const withdrawn = await withdrawOpenNominations(trx, id, `quarter reopened: ${why}`, result.at);
    return { ...result, withdrawn };
  });
}
