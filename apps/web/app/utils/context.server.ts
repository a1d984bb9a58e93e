import { type Context, createContext } from "@starboard/core";
import type { Db } from "@starboard/db";
import type { SessionUser } from "./session.server";

/** The core Context for a signed-in web user, with what the policy needs to know about them. */
export function contextFor(db: Db, user: SessionUser): Context {
  return createContext(db, { userId: user.id, label: user.email, role: user.role, agentId: user.agentId, teamIds: user.teamIds });
}
