import { type Db, findUserByEmail, type Role, teamIdsForUser } from "@starboard/db";
import { hashPassword, verifyPassword } from "./password.ts";

export interface SignedInUser {
  id: number;
  email: string;
  name: string;
  role: Role;
  agentId: number | null;
  teamIds: number[];
}

export type SignInResult = { ok: true; user: SignedInUser } | { ok: false; reason: "invalid_credentials" };

/**
 * Verified against when the email is unknown (or the user has no password), so that every
 * attempt costs one argon2id verification and response time doesn't reveal which emails exist.
 */
let dummyHash: Promise<string> | undefined;
const getDummyHash = () => (dummyHash ??= hashPassword("starboard-timing-equaliser-not-a-password"));

/**
 * Email + password → the user, or one generic failure. Unknown email, wrong password,
 * no password set and inactive account are indistinguishable to the caller.
 */
export async function signIn(db: Db, input: { email: string; password: string }): Promise<SignInResult> {
  const user = await findUserByEmail(db, input.email);
  const hash = user?.password_hash ?? (await getDummyHash());
  const passwordOk = await verifyPassword(hash, input.password);
  if (!user || !user.password_hash || !passwordOk || user.active !== 1) {
    return { ok: false, reason: "invalid_credentials" };
  }
  return {
    ok: true,
    user: {
      id: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      agentId: user.agent_id,
      teamIds: user.role === "manager" ? await teamIdsForUser(db, user.id) : [],
    },
  };
}
