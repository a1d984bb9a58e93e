import type { Generated, Insertable, Selectable } from "kysely";
import type { Timestamp } from "../tables.ts";

/** One failed sign-in, counted per account (normalised email) and per client IP. */
export interface AuthFailureTable {
  id: Generated<number>;
  scope: "account" | "ip";
  subject: string;
  at: Timestamp;
}

/** A one-time link to set a password: only the SHA-256 of the token is stored. */
export interface PasswordTokenTable {
  token_hash: string;
  user_id: number;
  purpose: "invite" | "reset";
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  created_by: string;
}

/** Leavers whose personal data were anonymised after the retention period. */
export interface AnonymisedAgentTable {
  agent_id: number;
  anonymised_at: Timestamp;
  actor_label: string;
}

export interface SecurityTables {
  auth_failures: AuthFailureTable;
  password_tokens: PasswordTokenTable;
  anonymised_agents: AnonymisedAgentTable;
}

export type AuthFailure = Selectable<AuthFailureTable>;
export type PasswordToken = Selectable<PasswordTokenTable>;
export type NewPasswordToken = Insertable<PasswordTokenTable>;
export type AnonymisedAgent = Selectable<AnonymisedAgentTable>;
