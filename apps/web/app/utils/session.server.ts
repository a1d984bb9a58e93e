import { createCookie, redirect } from "@remix-run/node";
import { type SignedInUser, signInThrottled } from "@starboard/core";
import {
  createSession,
  deleteSession,
  findSession,
  findUserById,
  type Role,
  teamIdsForUser,
  touchSession,
} from "@starboard/db";
import { randomBytes } from "node:crypto";
import { getDb } from "./db.server";
import { getEnv } from "./env.server";
import { clientIp, isHttps } from "./request.server";

/**
 * DB-backed sessions. The cookie holds only a random 256-bit session id; the row in
 * `sessions` is the truth. A new id is issued at every sign-in (rotation) and the row is
 * deleted at sign-out. Idle timeout 30 min, absolute timeout 12 h.
 */
export const IDLE_TIMEOUT_MS = 30 * 60 * 1000;
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60 * 1000;
/** Don't write last_seen_at on every request; a minute's precision is plenty for a 30 min idle timeout. */
const TOUCH_INTERVAL_MS = 60 * 1000;

export type SessionUser = SignedInUser;

function sessionCookie(request: Request) {
  const { SESSION_SECRET, STARBOARD_COOKIE_SECURE } = getEnv();
  // `__Host-` requires Secure, Path=/ and no Domain; browsers drop Secure cookies on plain
  // http://localhost, so a plain-HTTP trial gets the unprefixed, non-Secure cookie.
  const secure = STARBOARD_COOKIE_SECURE || isHttps(request);
  return createCookie(secure ? "__Host-starboard_session" : "starboard_session", {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure,
    secrets: SESSION_SECRET ? [SESSION_SECRET] : undefined,
  });
}

async function readSessionId(request: Request): Promise<string | null> {
  const value: unknown = await sessionCookie(request).parse(request.headers.get("Cookie"));
  return typeof value === "string" && /^[A-Za-z0-9_-]{43}$/.test(value) ? value : null;
}

const userCache = new WeakMap<Request, Promise<SessionUser | null>>();

/** The signed-in user, or null. Cached per request, so calling it in several loaders is cheap. */
export function getOptionalUser(request: Request): Promise<SessionUser | null> {
  let pending = userCache.get(request);
  if (!pending) {
    pending = loadUser(request);
    userCache.set(request, pending);
  }
  return pending;
}

async function loadUser(request: Request): Promise<SessionUser | null> {
  const sessionId = await readSessionId(request);
  if (!sessionId) return null;
  const db = await getDb();
  const session = await findSession(db, sessionId);
  if (!session) return null;
  const now = Date.now();
  const lastSeen = Date.parse(session.last_seen_at);
  if (now >= Date.parse(session.expires_at) || now - lastSeen >= IDLE_TIMEOUT_MS) {
    await deleteSession(db, sessionId);
    return null;
  }
  const user = await findUserById(db, session.user_id);
  if (!user || user.active !== 1) {
    await deleteSession(db, sessionId);
    return null;
  }
  if (now - lastSeen >= TOUCH_INTERVAL_MS) await touchSession(db, sessionId, new Date(now));
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    agentId: user.agent_id,
    teamIds: user.role === "manager" ? await teamIdsForUser(db, user.id) : [],
  };
}

/** The signed-in user; otherwise redirects to /login?redirectTo=<this page>. */
export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getOptionalUser(request);
  if (!user) {
    const url = new URL(request.url);
    const redirectTo = url.pathname + url.search;
    const query = redirectTo === "/" ? "" : `?${new URLSearchParams({ redirectTo })}`;
    throw redirect(`/login${query}`);
  }
  return user;
}

/** The signed-in user if their role is one of `roles`; otherwise a 403 (anonymous → /login). */
export async function requireRole(request: Request, ...roles: Role[]): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!roles.includes(user.role)) {
    throw new Response("Forbidden", { status: 403, statusText: "Forbidden" });
  }
  return user;
}

/** Checks email + password; on success creates a fresh session and returns its Set-Cookie. */
export async function signInAndCreateSession(
  request: Request,
  credentials: { email: string; password: string },
): Promise<{ ok: true; user: SessionUser; setCookie: string } | { ok: false; throttled: boolean }> {
  const db = await getDb();
  // Failed attempts are counted in the database per account and per client IP (see core/auth/throttle.ts).
  const result = await signInThrottled(db, { ...credentials, ip: clientIp(request) });
  if (!result.ok) return { ok: false, throttled: result.reason === "throttled" };
  // Rotation: drop any session this browser already had, then issue a brand-new id.
  const previousId = await readSessionId(request);
  if (previousId) await deleteSession(db, previousId);
  const id = randomBytes(32).toString("base64url");
  const now = new Date();
  await createSession(db, { id, userId: result.user.id, now, expiresAt: new Date(now.getTime() + ABSOLUTE_TIMEOUT_MS) });
  const setCookie = await sessionCookie(request).serialize(id, { maxAge: ABSOLUTE_TIMEOUT_MS / 1000 });
  return { ok: true, user: result.user, setCookie };
}

/** Deletes the current session row and returns the Set-Cookie header that clears the cookie. */
export async function destroySession(request: Request): Promise<string> {
  const sessionId = await readSessionId(request);
  if (sessionId) await deleteSession(await getDb(), sessionId);
  return sessionCookie(request).serialize("", { maxAge: 0, expires: new Date(0) });
}

/** Where a user starts: HR → /hr, manager → their first team, agent → /me; null when a manager has no team. */
export function homePathFor(user: Pick<SessionUser, "role" | "teamIds">): string | null {
  switch (user.role) {
    case "hr":
      return "/hr";
    case "manager":
      return user.teamIds[0] !== undefined ? `/teams/${user.teamIds[0]}` : null;
    case "agent":
      return "/me";
  }
}
