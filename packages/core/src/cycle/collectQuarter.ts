import { lockQuarterForWrite } from "@starboard/db";
import type { Context } from "../context.ts";
import { assertActorCan } from "../policy/actor.ts";
import { inTransaction } from "../transaction.ts";
import { applyCycleStep, parseQuarterId, type TransitionResult } from "./step.ts";

/** draft → collecting: HR opens the quarter for data collection. */
export async function collectQuarter(ctx: Context, quarterId: string): Promise<TransitionResult> {
  assertActorCan(ctx, "manage_cycle");
  const id = parseQuarterId(quarterId);
  return inTransaction(ctx.db, async (trx) => {
    await lockQuarterForWrite(trx, id); // first: the state read below is the committed one
    const { row: _row, ...result } = await applyCycleStep(ctx, trx, id, "collect");
    return result;
  });
}
