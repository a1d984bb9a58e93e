import { inviteUser, issuePasswordLink, setUserActive, updateUser } from "@starboard/core";
import { contextFor } from "~/utils/context.server";
import { type Db, findUserById, listTeams, listUsers, ROLES, teamIdsForUser } from "@starboard/db";
import { z } from "zod";
import { publicOrigin } from "~/utils/request.server";
import type { SessionUser } from "~/utils/session.server";
import { type AdminFailure, adminFailure, failure } from "./adminErrors.server";

/** Route params and form fields, all parsed with zod; anything malformed is a 400/404 or a form error. */
export const userIdParam = z.coerce.number().int().positive().max(2_147_483_647);

const teamIdsField = z.array(z.coerce.number().int().positive().max(2_147_483_647)).max(200);
const profileFields = {
  name: z.string().trim().min(1).max(200),
  role: z.enum(ROLES),
  agentCode: z.string().trim().max(64).optional().transform((v) => (v ? v : null)),
};
const inviteForm = z.object({ intent: z.literal("invite"), email: z.string().trim().min(3).max(254), ...profileFields });
const updateForm = z.object({ intent: z.literal("update"), ...profileFields });
const simpleForm = z.object({ intent: z.enum(["deactivate", "reactivate", "resetLink"]) });

export type UserActionResult =
  | { ok: true; intent: "invite" | "resetLink"; email: string; url: string }
  | { ok: true; intent: "update" | "deactivate" | "reactivate"; email: string }
  | AdminFailure;

function formObject(form: FormData) {
  const teamIds = teamIdsField.safeParse(form.getAll("teamIds"));
  return { fields: Object.fromEntries([...form.entries()].filter(([k]) => k !== "teamIds")), teamIds: teamIds.success ? teamIds.data : null };
}

export async function usersPageData(db: Db) {
  const [users, teams] = await Promise.all([listUsers(db), listTeams(db)]);
  const agentCodes = new Map(
    (await db.selectFrom("agents").select(["id", "agent_code"]).execute()).map((a) => [a.id, a.agent_code] as const),
  );
  const teamRows = await db.selectFrom("user_teams").select(["user_id", "team_id"]).execute();
  const withPassword = new Set(
    (await db.selectFrom("users").select("id").where("password_hash", "is not", null).execute()).map((r) => r.id),
  );
  const teamName = new Map(teams.map((t) => [t.id, t.name] as const));
  return {
    roles: ROLES,
    teams: teams.map((t) => ({ id: t.id, name: t.name })),
    users: users.map((u) => ({
      id: u.id,
      email: u.email,
      name: u.name,
      role: u.role,
      active: u.active,
      passwordSet: withPassword.has(u.id),
      agentCode: u.agentId === null ? null : (agentCodes.get(u.agentId) ?? null),
      teams: teamRows.filter((r) => r.user_id === u.id).map((r) => teamName.get(r.team_id) ?? String(r.team_id)),
    })),
  };
}

export async function userEditData(db: Db, userId: number) {
  const user = await findUserById(db, userId);
  if (!user) return null;
  const [teams, teamIds, agent] = await Promise.all([
    listTeams(db),
    teamIdsForUser(db, user.id),
    user.agent_id === null ? Promise.resolve(undefined) : db.selectFrom("agents").select("agent_code").where("id", "=", user.agent_id).executeTakeFirst(),
  ]);
  return {
    user: { id: user.id, email: user.email, name: user.name, role: user.role, active: user.active === 1, agentCode: agent?.agent_code ?? "", teamIds },
    teams: teams.map((t) => ({ id: t.id, name: t.name })),
    roles: ROLES,
  };
}

/** POST /hr/users: invite. */
export async function handleInvite(db: Db, actor: SessionUser, request: Request, form: FormData): Promise<UserActionResult> {
  const { fields, teamIds } = formObject(form);
  const parsed = inviteForm.safeParse(fields);
  if (!parsed.success || teamIds === null) return failure("badForm");
  try {
    const { link } = await inviteUser(contextFor(db, actor), { ...parsed.data, teamIds });
    return { ok: true, intent: "invite", email: link.email, url: `${publicOrigin(request)}${link.path}` };
  } catch (error) {
    return adminFailure(error);
  }
}

/** POST /hr/users/:userId: update, deactivate, reactivate, resetLink. */
export async function handleUserAction(db: Db, actor: SessionUser, request: Request, userId: number, form: FormData): Promise<UserActionResult> {
  const ctx = contextFor(db, actor);
  const target = await findUserById(db, userId);
  if (!target) return failure("not_found");
  const { fields, teamIds } = formObject(form);
  try {
    if (fields.intent === "update") {
      const parsed = updateForm.safeParse(fields);
      if (!parsed.success || teamIds === null) return failure("badForm");
      await updateUser(ctx, userId, { ...parsed.data, teamIds });
      return { ok: true, intent: "update", email: target.email };
    }
    const parsed = simpleForm.safeParse(fields);
    if (!parsed.success) return failure("badForm");
    if (parsed.data.intent === "resetLink") {
      const link = await issuePasswordLink(ctx, { email: target.email, purpose: target.password_hash ? "reset" : "invite" });
      return { ok: true, intent: "resetLink", email: link.email, url: `${publicOrigin(request)}${link.path}` };
    }
    await setUserActive(ctx, userId, parsed.data.intent === "reactivate");
    return { ok: true, intent: parsed.data.intent, email: target.email };
  } catch (error) {
    return adminFailure(error);
  }
}
