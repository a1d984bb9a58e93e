import { createContext, isDomainError, issuePasswordLink, setUserActive } from "@starboard/core";
import { findUserByEmail } from "@starboard/db";
import type { Command } from "commander";
import { CliFailure, type CliDeps } from "../program.ts";

/** The address people open links on: STARBOARD_PUBLIC_URL, or the local trial's default. */
export function publicBaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  return (env.STARBOARD_PUBLIC_URL ?? "http://localhost:3000").replace(/\/+$/, "");
}

/**
 * `starboard users reset-link <email>` — prints a one-time link (24 h) to set a new password;
 * `starboard users invite-link <email>` — the same, valid 7 days, for a user who never signed in;
 * `starboard users deactivate|reactivate <email>`.
 */
export function registerUsers(program: Command, deps: CliDeps): void {
  const users = program.command("users").description("user accounts: one-time password links, deactivation");
  const link = (purpose: "reset" | "invite") => async (email: string, options: { json?: boolean }) => {
    const db = await deps.openDb();
    try {
      const result = await issuePasswordLink(createContext(db, deps.actor), { email, purpose });
      const url = `${publicBaseUrl()}${result.path}`;
      if (options.json) deps.out(JSON.stringify({ email: result.email, url, expiresAt: result.expiresAt }));
      else deps.out(`${url}\n(one-time link for ${result.email}, valid until ${result.expiresAt})`);
    } catch (error) {
      if (isDomainError(error)) throw new CliFailure(`starboard users: ${error.message}`, 1);
      throw error;
    }
  };
  users
    .command("reset-link")
    .description("print a one-time link (valid 24 hours) for <email> to set a new password")
    .argument("<email>")
    .option("--json", "print {email, url, expiresAt}")
    .action(link("reset"));
  users
    .command("invite-link")
    .description("print a one-time invitation link (valid 7 days) for <email>")
    .argument("<email>")
    .option("--json", "print {email, url, expiresAt}")
    .action(link("invite"));
  for (const active of [false, true]) {
    users
      .command(active ? "reactivate" : "deactivate")
      .description(active ? "allow <email> to sign in again" : "stop <email> signing in and end all their sessions")
      .argument("<email>")
      .action(async (email: string) => {
        const db = await deps.openDb();
        const user = await findUserByEmail(db, email);
        if (!user) throw new CliFailure(`starboard users: no user with e-mail ${email}`, 1);
        try {
          await setUserActive(createContext(db, deps.actor), user.id, active);
        } catch (error) {
          if (isDomainError(error)) throw new CliFailure(`starboard users: ${error.message}`, 1);
          throw error;
        }
        deps.out(`${user.email} ${active ? "reactivated" : "deactivated; all their sessions ended"}`);
      });
  }
}
