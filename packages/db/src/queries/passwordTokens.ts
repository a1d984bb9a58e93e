import type { Db } from "../database.ts";
import type { NewPasswordToken, PasswordToken } from "../tables/security.ts";

export async function insertPasswordToken(db: Db, token: NewPasswordToken): Promise<void> {
  await db.insertInto("password_tokens").values(token).execute();
}

export async function findPasswordToken(db: Db, tokenHash: string): Promise<PasswordToken | undefined> {
  return db.selectFrom("password_tokens").selectAll().where("token_hash", "=", tokenHash).executeTakeFirst();
}

/** Marks a token used; returns false when it was already used (so it works exactly once). */
export async function markPasswordTokenUsed(db: Db, tokenHash: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable("password_tokens")
    .set({ used_at: at })
    .where("token_hash", "=", tokenHash)
    .where("used_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Voids every unused link of a user (a new link, deactivation, a password set). */
export async function voidPasswordTokensForUser(db: Db, userId: number, at: string): Promise<void> {
  await db.updateTable("password_tokens").set({ used_at: at }).where("user_id", "=", userId).where("used_at", "is", null).execute();
}
