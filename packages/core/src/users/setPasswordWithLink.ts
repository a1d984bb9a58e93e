import {
  appendAudit,
  deleteSessionsForUser,
  findPasswordToken,
  findUserById,
  markPasswordTokenUsed,
  setUserPasswordHash,
  voidPasswordTokensForUser,
} from "@starboard/db";
import { hashPassword } from "../auth/password.ts";
import { type Context, isoNow } from "../context.ts";
import { DomainError } from "../errors.ts";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, hashLinkToken, isWellFormedLinkToken } from "./passwordLinks.ts";

/** Whether a link is usable (for showing the form); says nothing about whom it is for. */
export async function checkPasswordLink(ctx: Context, token: string): Promise<boolean> {
  if (!isWellFormedLinkToken(token)) return false;
  const row = await findPasswordToken(ctx.db, hashLinkToken(token));
  return !!row && row.used_at === null && Date.parse(row.expires_at) > ctx.now().getTime();
}

/**
 * Sets the password of the link's user, once. The link is used up, every other session of
 * the user ends (sign-out everywhere) and the change is audited. Anyone holding the link may
 * call this: the link is the credential.
 */
export async function setPasswordWithLink(ctx: Context, input: { token: string; password: string }): Promise<{ email: string }> {
  if (input.password.length < PASSWORD_MIN_LENGTH || input.password.length > PASSWORD_MAX_LENGTH) {
    throw new DomainError("invalid_input", `the password must have ${PASSWORD_MIN_LENGTH}–${PASSWORD_MAX_LENGTH} characters`, {
      min: PASSWORD_MIN_LENGTH,
      max: PASSWORD_MAX_LENGTH,
      reason: "password_length",
    });
  }
  const invalid = () => new DomainError("invalid_token", "this link is invalid, used or expired");
  if (!isWellFormedLinkToken(input.token)) throw invalid();
  const passwordHash = await hashPassword(input.password);
  return ctx.db.transaction().execute(async (trx) => {
    const tokenHash = hashLinkToken(input.token);
    const row = await findPasswordToken(trx, tokenHash);
    if (!row || row.used_at !== null || Date.parse(row.expires_at) <= ctx.now().getTime()) throw invalid();
    const user = await findUserById(trx, row.user_id);
    if (!user || user.active !== 1) throw invalid();
    const at = isoNow(ctx);
    if (!(await markPasswordTokenUsed(trx, tokenHash, at))) throw invalid();
    await voidPasswordTokensForUser(trx, user.id, at);
    await setUserPasswordHash(trx, user.id, passwordHash, at);
    await deleteSessionsForUser(trx, user.id);
    await appendAudit(trx, {
      at,
      actor_user_id: user.id,
      actor_label: user.email,
      action: "user.password_set",
      entity: "user",
      entity_id: user.email,
      before: null,
      after: JSON.stringify({ via: row.purpose }),
    });
    return { email: user.email };
  });
}
