import { lockQuarterForWrite } from "@starboard/db";
import type { Context } from "../context.ts";
import { assertActorCan } from "../policy/actor.ts";
import { inTransaction } from "../transaction.ts";
import { applyCycleStep, parseQuarterId, type TransitionResult } from "./step.ts";

/** locked → published: agents can now see their appraisal, acknowledge it, comment or appeal. */
export async function publishQuarter(ctx: Context, quarterId: string): Promise<TransitionResult> {
  assertActorCan(ctx, "manage_cycle");
  const id = parseQuarterId(quarterId);
  return inTransaction(ctx.db, async (trx) => {
    await lockQuarterForWrite(trx, id); // first: the state read below is the committed one
    const { row: _row, ...result } = await applyCycleStep(ctx, trx, id, "publish");
    return result;
  });
}
