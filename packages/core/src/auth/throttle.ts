import { type Db, authFailuresSince, clearAuthFailures, normalizeEmail, recordAuthFailure } from "@starboard/db";
import { type SignInResult, signIn } from "./signIn.ts";

/**
 * Failed sign-ins are counted in the database (so every web process sees the same counts):
 * per account (the e-mail as typed, normalised — known or not, so the answer reveals nothing)
 * and per client IP. Within any 15 minutes, 10 failures for one account or 100 from one IP
 * block further attempts until the oldest of them is 15 minutes old. Blocked attempts are
 * neither verified nor counted, so an attacker cannot extend the block: the real user waits
 * at most 15 minutes, never "forever". A successful sign-in clears the account's counter.
 */
export const SIGN_IN_THROTTLE = {
  windowMs: 15 * 60 * 1000,
  maxPerAccount: 10,
  maxPerIp: 100,
} as const;

export type ThrottledSignInResult = SignInResult | { ok: false; reason: "throttled"; retryAfterSec: number };

async function blockedFor(db: Db, scope: "account" | "ip", subject: string, limit: number, now: Date): Promise<number> {
  const since = new Date(now.getTime() - SIGN_IN_THROTTLE.windowMs);
  const failures = await authFailuresSince(db, scope, subject, since);
  if (failures.length < limit) return 0;
  // Blocked until enough failures leave the window to drop below the limit.
  const releasing = failures[failures.length - limit]!;
  return Math.max(1, Math.ceil((Date.parse(releasing) + SIGN_IN_THROTTLE.windowMs - now.getTime()) / 1000));
}

export async function signInThrottled(
  db: Db,
  input: { email: string; password: string; ip: string | null },
  now: Date = new Date(),
): Promise<ThrottledSignInResult> {
  const account = normalizeEmail(input.email);
  // Without a known client address (no trusted proxy header) only the per-account limit applies:
  // one shared bucket for "unknown" would let anyone block every sign-in.
  const ip = input.ip;
  const wait = Math.max(
    await blockedFor(db, "account", account, SIGN_IN_THROTTLE.maxPerAccount, now),
    ip ? await blockedFor(db, "ip", ip, SIGN_IN_THROTTLE.maxPerIp, now) : 0,
  );
  if (wait > 0) return { ok: false, reason: "throttled", retryAfterSec: wait };
  const result = await signIn(db, { email: input.email, password: input.password });
  if (result.ok) {
    await clearAuthFailures(db, "account", account);
  } else {
    await recordAuthFailure(db, "account", account, now);
    if (ip) await recordAuthFailure(db, "ip", ip, now);
  }
  return result;
}
