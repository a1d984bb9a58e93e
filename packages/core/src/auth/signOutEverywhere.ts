import { appendAudit, deleteSessionsForUser } from "@starboard/db";
import { type Context, isoNow } from "../context.ts";
import { DomainError } from "../errors.ts";

/** Ends every session of the acting user, on every device (including the current one). */
export async function signOutEverywhere(ctx: Context): Promise<void> {
  const userId = ctx.actor.userId;
  if (userId === null) throw new DomainError("forbidden", "not signed in");
  await ctx.db.transaction().execute(async (trx) => {
    await deleteSessionsForUser(trx, userId);
    await appendAudit(trx, {
      at: isoNow(ctx),
      actor_user_id: userId,
      actor_label: ctx.actor.label,
      action: "session.sign_out_everywhere",
      entity: "user",
      entity_id: ctx.actor.label,
      before: null,
      after: null,
    });
  });
}
