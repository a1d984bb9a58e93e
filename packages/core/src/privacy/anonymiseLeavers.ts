import { acquireWriteLock, anonymiseAgent, appendAudit, leaversToAnonymise } from "@starboard/db";
import { type Context, isoNow } from "../context.ts";
import { assertActorCan } from "../policy/actor.ts";
import { getRetentionDays } from "./retention.ts";

export interface AnonymiseReport {
  retentionDays: number;
  /** Leave dates before this day were due. */
  cutoffDate: string;
  anonymised: number;
  dryRun: boolean;
}

/**
 * Anonymises the personal data of every agent who left more than the retention period ago
 * (names, employee codes, e-mails, their user account), in one transaction, with one audit
 * entry per person. Scores, facts and team aggregates are kept under a pseudonym.
 */
export async function anonymiseLeavers(ctx: Context, options: { dryRun?: boolean } = {}): Promise<AnonymiseReport> {
  assertActorCan(ctx, "manage_privacy");
  return ctx.db.transaction().execute(async (trx) => {
    await acquireWriteLock(trx, isoNow(ctx));
    const retentionDays = await getRetentionDays(trx);
    const cutoffDate = new Date(ctx.now().getTime() - retentionDays * 86_400_000).toISOString().slice(0, 10);
    const due = await leaversToAnonymise(trx, cutoffDate);
    if (!options.dryRun) {
      const at = isoNow(ctx);
      for (const agent of due) {
        await anonymiseAgent(trx, agent.id, at, ctx.actor.label);
        await appendAudit(trx, {
          at,
          actor_user_id: ctx.actor.userId,
          actor_label: ctx.actor.label,
          action: "privacy.anonymise",
          entity: "agent",
          entity_id: `ANON-${agent.id}`,
          before: null,
          after: JSON.stringify({ retentionDays, cutoffDate }),
        });
      }
    }
    return { retentionDays, cutoffDate, anonymised: due.length, dryRun: options.dryRun === true };
  });
}
