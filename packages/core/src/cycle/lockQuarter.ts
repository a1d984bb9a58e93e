import { ensureQuarter, lockQuarterForWrite } from "@starboard/db";
import type { Context } from "../context.ts";
import { DomainError } from "../errors.ts";
import { assertActorCan } from "../policy/actor.ts";
import { inTransaction } from "../transaction.ts";
import { type LockBlocker, type LockCheck, LOCK_CHECKS, lockBlockers } from "./lock-checks.ts";
import { generateNominations } from "./nominate.ts";
import { applyCycleStep, assertStepAllowed, parseQuarterId, type TransitionResult } from "./step.ts";

/** Locking refused: `blockers` lists every reason. */
export class LockBlockedError extends DomainError {
  constructor(
    quarterId: string,
    readonly blockers: LockBlocker[],
  ) {
    super("lock_blocked", `cannot lock ${quarterId}:\n${blockers.map((b) => `  - ${b.message}`).join("\n")}`, {
      quarter: quarterId,
      count: blockers.length,
    });
  }
}

/**
 * in review → locked. Refused with the full list while any lock check reports a blocker.
 * From here the quarter's facts and results are immutable (imports and recalculation are
 * refused) and it keeps the rubric version it was scored with. The award rules run now:
 * nominations are created in the same transaction.
 */
export async function lockQuarter(
  ctx: Context,
  quarterId: string,
  options: { checks?: readonly LockCheck[] } = {},
): Promise<TransitionResult & { nominations: number }> {
  assertActorCan(ctx, "manage_cycle");
  const id = parseQuarterId(quarterId);
  return inTransaction(ctx.db, async (trx) => {
    await lockQuarterForWrite(trx, id); // first: the state read below is the committed one
    assertStepAllowed(await ensureQuarter(trx, id, ctx.now().toISOString()), "lock");
    const blockers = await lockBlockers(trx, id, options.checks ?? LOCK_CHECKS);
    if (blockers.length > 0) throw new LockBlockedError(id, blockers);
    const { row: _row, ...result } = await applyCycleStep(ctx, trx, id, "lock");
    const nominations = await generateNominations(trx, id, result.at);
    return { ...result, nominations };
  });
}
