import { teamsForUser } from "@starboard/db";
import { getDb } from "./utils/db.server";
import type { SessionUser } from "./utils/session.server";

export interface NavUser {
  name: string;
  email: string;
  role: SessionUser["role"];
  /** Managers: the teams they look after (for the nav). Empty for other roles. */
  teams: { id: number; name: string }[];
}

export async function navUserFor(user: SessionUser | null): Promise<NavUser | null> {
  if (!user) return null;
  const teams = user.role === "manager" ? await teamsForUser(await getDb(), user.id) : [];
  return { name: user.name, email: user.email, role: user.role, teams };
}
