import { appendAudit, findUserByEmail, insertPasswordToken, voidPasswordTokensForUser } from "@starboard/db";
import { type Context, isoNow } from "../context.ts";
import { DomainError } from "../errors.ts";
import { assertActorCan } from "../policy/actor.ts";
import { PASSWORD_LINK_TTL_MS, hashLinkToken, newLinkToken, passwordLinkPath } from "./passwordLinks.ts";

export interface PasswordLink {
  email: string;
  /** `/reset-password/<token>`; prefix with the server's address. */
  path: string;
  expiresAt: string;
}

/**
 * A one-time link for `email` to set a new password (HR, or the operator at the CLI). Earlier
 * unused links of the user stop working. The token itself is never stored or logged.
 */
export async function issuePasswordLink(ctx: Context, input: { email: string; purpose?: "invite" | "reset" }): Promise<PasswordLink> {
  assertActorCan(ctx, "manage_users");
  const purpose = input.purpose ?? "reset";
  return ctx.db.transaction().execute(async (trx) => {
    const user = await findUserByEmail(trx, input.email);
    if (!user) throw new DomainError("not_found", `no user with e-mail ${input.email}`, { email: input.email });
    if (user.active !== 1) throw new DomainError("conflict", `${user.email} is deactivated; reactivate the account first`, { email: user.email, reason: "inactive" });
    const at = isoNow(ctx);
    const token = newLinkToken();
    const expiresAt = new Date(ctx.now().getTime() + PASSWORD_LINK_TTL_MS[purpose]).toISOString();
    await voidPasswordTokensForUser(trx, user.id, at);
    await insertPasswordToken(trx, {
      token_hash: hashLinkToken(token),
      user_id: user.id,
      purpose,
      created_at: at,
      expires_at: expiresAt,
      used_at: null,
      created_by: ctx.actor.label,
    });
    await appendAudit(trx, {
      at,
      actor_user_id: ctx.actor.userId,
      actor_label: ctx.actor.label,
      action: `user.${purpose}_link`,
      entity: "user",
      entity_id: user.email,
      before: null,
      after: JSON.stringify({ expiresAt }),
    });
    return { email: user.email, path: passwordLinkPath(token), expiresAt };
  });
}
