import { getEnv } from "./env.server";

let warned = false;

/**
 * Logged once when the server module loads: without STARBOARD_COOKIE_SECURE or
 * STARBOARD_TRUST_PROXY the session cookie can't be `__Host-`/Secure for plain-HTTP requests,
 * which is only acceptable for a local trial.
 */
export function warnIfPlainHttp(env = getEnv(), log: (message: string) => void = console.warn): boolean {
  if (warned || env.STARBOARD_COOKIE_SECURE || env.STARBOARD_TRUST_PROXY) return false;
  warned = true;
  log(
    "[starboard] WARNING: plain-HTTP mode (local trial). Session cookies are not marked Secure for http:// requests. " +
      "In production serve over HTTPS and set STARBOARD_COOKIE_SECURE=1, or STARBOARD_TRUST_PROXY=1 behind a TLS proxy that sends X-Forwarded-Proto.",
  );
  return true;
}
