import { appendAudit, deleteSessionsForUser, findUserById, setUserActive as setActive, voidPasswordTokensForUser } from "@starboard/db";
import { type Context, isoNow } from "../context.ts";
import { DomainError } from "../errors.ts";
import { assertActorCan } from "../policy/actor.ts";

/**
 * Deactivates (or reactivates) an account. Deactivation ends every session of the user at
 * once and voids their unused password links; the account and its history stay.
 */
export async function setUserActive(ctx: Context, userId: number, active: boolean): Promise<void> {
  assertActorCan(ctx, "manage_users");
  await ctx.db.transaction().execute(async (trx) => {
    const user = await findUserById(trx, userId);
    if (!user) throw new DomainError("not_found", "no such user");
    if (!active && user.id === ctx.actor.userId) throw new DomainError("conflict", "you cannot deactivate yourself", { reason: "self" });
    const at = isoNow(ctx);
    await setActive(trx, user.id, active, at);
    if (!active) {
      await deleteSessionsForUser(trx, user.id);
      await voidPasswordTokensForUser(trx, user.id, at);
    }
    await appendAudit(trx, {
      at,
      actor_user_id: ctx.actor.userId,
      actor_label: ctx.actor.label,
      action: active ? "user.reactivate" : "user.deactivate",
      entity: "user",
      entity_id: user.email,
      before: JSON.stringify({ active: user.active === 1 }),
      after: JSON.stringify({ active }),
    });
  });
}
