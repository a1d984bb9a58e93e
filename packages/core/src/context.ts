import type { Db, Role } from "@starboard/db";

/** Who is doing something: a signed-in user, or the CLI / system acting for an operator. */
export interface Actor {
  userId: number | null;
  /** Shown in histories and the audit log: the user's email, or e.g. "cli:root". */
  label: string;
  role: Role | "system";
  /** For policy checks on a web user's own data: their agent record (role agent). */
  agentId?: number | null;
  /** For policy checks: the teams a manager looks after. */
  teamIds?: readonly number[];
}

/** Everything an operation needs besides its input. */
export interface Context {
  db: Db;
  actor: Actor;
  /** Injectable clock so tests are deterministic. */
  now: () => Date;
}

export function systemActor(label = "system"): Actor {
  return { userId: null, label, role: "system" };
}

export function createContext(db: Db, actor: Actor, now: () => Date = () => new Date()): Context {
  return { db, actor, now };
}

export const isoNow = (ctx: Pick<Context, "now">): string => ctx.now().toISOString();
