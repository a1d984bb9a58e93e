import { lockQuarterForWrite } from "@starboard/db";
import type { Context } from "../context.ts";
import { assertActorCan } from "../policy/actor.ts";
import { inTransaction } from "../transaction.ts";
import { applyCycleStep, parseQuarterId, type TransitionResult } from "./step.ts";

/** calculated → in review: managers can now see and comment on their agents' results. */
export async function reviewQuarter(ctx: Context, quarterId: string): Promise<TransitionResult> {
  assertActorCan(ctx, "manage_cycle");
  const id = parseQuarterId(quarterId);
  return inTransaction(ctx.db, async (trx) => {
    await lockQuarterForWrite(trx, id); // first: the state read below is the committed one
    const { row: _row, ...result } = await applyCycleStep(ctx, trx, id, "review");
    return result;
  });
}
