import { listAudit } from "@starboard/db";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  DomainError,
  ImportRejectedError,
  formatImportProblem,
  importCsv,
  inviteUser,
  issuePasswordLink,
  setPasswordWithLink,
  setUserActive,
  signIn,
  updateUser,
} from "../../src/index.ts";
import { securityFixture } from "./helpers.ts";

let f: Awaited<ReturnType<typeof securityFixture>>;
beforeEach(async () => {
  f = await securityFixture();
});
afterEach(async () => {
  await f.db.destroy();
});

const tokenOf = (path: string) => path.split("/").pop()!;

describe("starboard import users", () => {
  it("adds users with their agent and teams; re-import is unchanged, a change is replaced", async () => {
    const users = await f.db.selectFrom("users").select(["email", "role", "agent_id", "password_hash"]).orderBy("email").execute();
    expect(users.map((u) => [u.email, u.role])).toEqual([
      ["ann@example.com", "agent"],
      ["hr@example.com", "hr"],
      ["lea@example.com", "agent"],
      ["north@example.com", "manager"],
    ]);
    expect(users.every((u) => u.password_hash === null)).toBe(true);
    const again = await importCsv(f.system, {
      kind: "users",
      fileName: "users.csv",
      source: { buffer: Buffer.from("email,name,role,agent_code,teams\nnorth@example.com,Nils Manager,manager,,North;South\nhr@example.com,Hana HR,hr,,\n") },
    });
    expect([again.added, again.replaced, again.unchanged]).toEqual([0, 1, 1]);
    const teams = await f.db.selectFrom("user_teams").select("team_id").where("user_id", "=", await f.userId("north@example.com")).execute();
    expect(teams).toHaveLength(2);
  });

  it("rejects the whole file, every problem by line and column", async () => {
    const error = await importCsv(f.system, {
      kind: "users",
      fileName: "users.csv",
      source: {
        buffer: Buffer.from(
          "email,name,role,agent_code,teams\n" +
            "new@example.com,New,boss,,\n" +
            "x@example.com,X,agent,,\n" +
            "y@example.com,Y,manager,,Nowhere\n" +
            "z@example.com,Z,hr,A1,North\n" +
            "new@example.com,Dup,hr,,\n" +
            "w@example.com,W,agent,NOPE,\n",
        ),
      },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportRejectedError);
    expect((error as ImportRejectedError).problems.map(formatImportProblem)).toEqual([
      'line 2, column role: "boss" is not a role (hr, manager or agent)',
      "line 3, column agent_code: a value is required",
      'line 4, column teams: team "Nowhere" is not known; import agents (which creates teams) first',
      "line 5, column agent_code: agent_code must be empty for role hr",
      "line 5, column teams: teams must be empty for role hr",
      'line 6, column email: duplicate key: email "new@example.com" is already on line 2',
      'line 7, column agent_code: agent "NOPE" is not known; import agents first',
    ]);
    expect(await f.db.selectFrom("users").select("email").where("email", "=", "y@example.com").execute()).toEqual([]);
  });
});

describe("invitations and one-time password links", () => {
  it("HR invites; the link sets a password once; the user signs in; the link is then dead", async () => {
    const { link } = await inviteUser(f.hr, { email: "New.Person@Example.com", name: "New Person", role: "manager", teamIds: [1] });
    expect(link.email).toBe("new.person@example.com");
    expect(link.path).toMatch(/^\/reset-password\/[A-Za-z0-9_-]{43}$/);
    expect((await signIn(f.db, { email: "new.person@example.com", password: "a long passphrase" })).ok).toBe(false);
    await setPasswordWithLink(f.system, { token: tokenOf(link.path), password: "a long passphrase" });
    expect((await signIn(f.db, { email: "new.person@example.com", password: "a long passphrase" })).ok).toBe(true);
    await expect(setPasswordWithLink(f.system, { token: tokenOf(link.path), password: "another passphrase" })).rejects.toMatchObject({ code: "invalid_token" });
    // Only a hash of the token is stored.
    const stored = await f.db.selectFrom("password_tokens").select("token_hash").execute();
    expect(stored.some((r) => r.token_hash === tokenOf(link.path))).toBe(false);
  });

  it("a reset link expires after 24 hours and a newer link voids the older one", async () => {
    const first = await issuePasswordLink(f.system, { email: "ann@example.com" });
    const second = await issuePasswordLink(f.system, { email: "ann@example.com" });
    await expect(setPasswordWithLink(f.system, { token: tokenOf(first.path), password: "correct horse battery" })).rejects.toMatchObject({ code: "invalid_token" });
    f.setNow(new Date("2026-04-03T09:00:01Z"));
    await expect(setPasswordWithLink(f.system, { token: tokenOf(second.path), password: "correct horse battery" })).rejects.toMatchObject({ code: "invalid_token" });
  });

  it("refuses a short password without using up the link", async () => {
    const link = await issuePasswordLink(f.hr, { email: "ann@example.com" });
    await expect(setPasswordWithLink(f.system, { token: tokenOf(link.path), password: "short" })).rejects.toMatchObject({ code: "invalid_input" });
    await setPasswordWithLink(f.system, { token: tokenOf(link.path), password: "twelve chars!" });
  });

  it("only HR manages users: a manager or agent is forbidden", async () => {
    await expect(inviteUser(f.manager, { email: "m@example.com", name: "M", role: "hr" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(issuePasswordLink(f.agent, { email: "ann@example.com" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(setUserActive(f.agent, await f.userId("hr@example.com"), false)).rejects.toBeInstanceOf(DomainError);
  });
});

describe("role changes and deactivation", () => {
  it("changing role/teams is audited with before and after", async () => {
    const id = await f.userId("north@example.com");
    await updateUser(f.hr, id, { name: "Nils Manager", role: "manager", teamIds: [1, 2] });
    const [entry] = await listAudit(f.db, { entity: "user", entityId: "north@example.com" });
    expect(entry).toMatchObject({ action: "user.update", actor_label: "hr@example.com" });
    expect(JSON.parse(entry!.before!)).toMatchObject({ teamIds: [1] });
    expect(JSON.parse(entry!.after!)).toMatchObject({ teamIds: [1, 2] });
  });

  it("rejects an agent role without an agent, teams for non-managers, unknown teams, own role change", async () => {
    const id = await f.userId("north@example.com");
    await expect(updateUser(f.hr, id, { name: "N", role: "agent" })).rejects.toMatchObject({ code: "invalid_input" });
    await expect(updateUser(f.hr, id, { name: "N", role: "hr", teamIds: [1] })).rejects.toMatchObject({ code: "invalid_input" });
    await expect(updateUser(f.hr, id, { name: "N", role: "manager", teamIds: [99] })).rejects.toMatchObject({ code: "invalid_input" });
    await expect(updateUser(f.hr, await f.userId("hr@example.com"), { name: "H", role: "agent", agentCode: "A1" })).rejects.toMatchObject({ code: "conflict" });
  });

  it("deactivating ends every session and voids open links; the user can no longer sign in", async () => {
    const id = await f.userId("ann@example.com");
    const link = await issuePasswordLink(f.hr, { email: "ann@example.com" });
    await setPasswordWithLink(f.system, { token: tokenOf(link.path), password: "ann's passphrase" });
    const later = "2026-04-02T10:00:00.000Z";
    await f.db.insertInto("sessions").values([
      { id: "s1", user_id: id, created_at: later, last_seen_at: later, expires_at: "2026-04-03T00:00:00.000Z" },
      { id: "s2", user_id: id, created_at: later, last_seen_at: later, expires_at: "2026-04-03T00:00:00.000Z" },
    ]).execute();
    const pending = await issuePasswordLink(f.hr, { email: "ann@example.com" });
    await setUserActive(f.hr, id, false);
    expect(await f.db.selectFrom("sessions").select("id").where("user_id", "=", id).execute()).toEqual([]);
    expect((await signIn(f.db, { email: "ann@example.com", password: "ann's passphrase" })).ok).toBe(false);
    await expect(setPasswordWithLink(f.system, { token: tokenOf(pending.path), password: "another passphrase" })).rejects.toMatchObject({ code: "invalid_token" });
    await expect(setUserActive(f.hr, await f.userId("hr@example.com"), false)).rejects.toMatchObject({ code: "conflict" });
  });
});
