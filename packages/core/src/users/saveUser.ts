import {
  type Db,
  appendAudit,
  findAgentByCode,
  findUserByEmail,
  findUserById,
  insertUser,
  listTeams,
  teamIdsForUser,
  updateUserProfile,
} from "@starboard/db";
import { type Context, isoNow } from "../context.ts";
import { DomainError } from "../errors.ts";
import { assertActorCan } from "../policy/actor.ts";
import { issuePasswordLink, type PasswordLink } from "./issuePasswordLink.ts";
import { emailSchema, type UserProfileInput, userProfileSchema } from "./userInput.ts";

async function resolveProfile(db: Db, input: UserProfileInput) {
  const parsed = userProfileSchema.safeParse({ ...input, teamIds: input.teamIds ?? [] });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new DomainError("invalid_input", `${issue.path.join(".")}: ${issue.message}`, { field: issue.path.join("."), reason: issue.message });
  }
  const profile = parsed.data;
  let agentId: number | null = null;
  if (profile.agentCode) {
    const agent = await findAgentByCode(db, profile.agentCode);
    if (!agent) throw new DomainError("invalid_input", `agent ${profile.agentCode} is not known`, { field: "agentCode", reason: "unknown_agent" });
    agentId = agent.id;
  }
  const known = new Set((await listTeams(db)).map((t) => t.id));
  const unknown = profile.teamIds.find((id) => !known.has(id));
  if (unknown !== undefined) throw new DomainError("invalid_input", `team ${unknown} does not exist`, { field: "teamIds", reason: "unknown_team" });
  return { name: profile.name, role: profile.role, agentId, teamIds: [...new Set(profile.teamIds)].sort((a, b) => a - b) };
}

/** Creates a user (no password yet) and returns their one-time invitation link. */
export async function inviteUser(ctx: Context, input: UserProfileInput & { email: string }): Promise<{ userId: number; link: PasswordLink }> {
  assertActorCan(ctx, "manage_users");
  const email = emailSchema.safeParse(input.email);
  if (!email.success) throw new DomainError("invalid_input", `"${input.email}" is not an e-mail address`, { field: "email", reason: "invalid" });
  const userId = await ctx.db.transaction().execute(async (trx) => {
    if (await findUserByEmail(trx, email.data)) throw new DomainError("conflict", `${email.data} already has an account`, { email: email.data, reason: "email_taken" });
    const profile = await resolveProfile(trx, input);
    const at = isoNow(ctx);
    const id = await insertUser(trx, { email: email.data, ...profile }, at);
    await appendAudit(trx, {
      at,
      actor_user_id: ctx.actor.userId,
      actor_label: ctx.actor.label,
      action: "user.invite",
      entity: "user",
      entity_id: email.data,
      before: null,
      after: JSON.stringify({ email: email.data, ...profile }),
    });
    return id;
  });
  const link = await issuePasswordLink(ctx, { email: email.data, purpose: "invite" });
  return { userId, link };
}

/** Changes a user's name, role, agent link and teams. Sessions of a user whose role changes end. */
export async function updateUser(ctx: Context, userId: number, input: UserProfileInput): Promise<void> {
  assertActorCan(ctx, "manage_users");
  await ctx.db.transaction().execute(async (trx) => {
    const user = await findUserById(trx, userId);
    if (!user) throw new DomainError("not_found", "no such user");
    if (user.id === ctx.actor.userId && input.role !== user.role) {
      throw new DomainError("conflict", "you cannot change your own role", { reason: "own_role" });
    }
    const profile = await resolveProfile(trx, input);
    const before = { name: user.name, role: user.role, agentId: user.agent_id, teamIds: await teamIdsForUser(trx, user.id) };
    const at = isoNow(ctx);
    await updateUserProfile(trx, user.id, profile, at);
    if (before.role !== profile.role) await trx.deleteFrom("sessions").where("user_id", "=", user.id).execute();
    await appendAudit(trx, {
      at,
      actor_user_id: ctx.actor.userId,
      actor_label: ctx.actor.label,
      action: "user.update",
      entity: "user",
      entity_id: user.email,
      before: JSON.stringify(before),
      after: JSON.stringify(profile),
    });
  });
}
