import {
  appendAudit,
  contactCountsByAgent,
  contactsByIds,
  contactsInRange,
  findSamplePlan,
  fullMarksByAgent,
  listUsers,
  problemContactIds,
  replaceSamplePlan,
  samplePicks,
  teamIdsForUser,
} from "@starboard/db";
import { balanceReviewers, hashString, planQaSample, type QaTargetReason } from "@starboard/kpi";
import { z } from "zod";
import { type Context, isoNow } from "../context.ts";
import { DomainError } from "../errors.ts";
import { assertCan } from "../policy/index.ts";
import { policyUserOf } from "../policy/policyUserOf.ts";

export const qaMonthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "a month written YYYY-MM");

/** How many earlier months the full-marks rule looks at. */
const FULL_MARKS_LOOKBACK_MONTHS = 6;

function shiftMonth(month: string, delta: number): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + delta, 1));
  return d.toISOString().slice(0, 7);
}
const monthStartIso = (month: string) => `${month}-01T00:00:00.000Z`;
const lastDay = (month: string) => new Date(Date.parse(monthStartIso(shiftMonth(month, 1))) - 86_400_000).toISOString().slice(0, 10);

export interface QaSamplePlanView {
  month: string;
  seed: number;
  generatedAt: string;
  generatedBy: string;
  /** The `starboard qa sample --json` shape, per agent by code. */
  agents: Array<{ agentCode: string; quota: number; random: string[]; targeted: Array<{ contactId: string; reason: QaTargetReason }> }>;
  /** Every pick with its reviewer (the assignment queue). */
  picks: Array<{ contactId: string; agentCode: string; kind: "random" | "targeted"; reason: string | null; reviewer: string | null; reviewerUserId: number | null; startedAt: string | null; channel: string | null; durationSec: number | null }>;
}

/** Which picks a viewer may see: everything (HR), or a manager's own teams and own review queue. */
type PickScope = { teamIds: ReadonlySet<number>; userId: number | null } | null;

async function storedPlan(ctx: Context, month: string, scope: PickScope = null): Promise<QaSamplePlanView | null> {
  const plan = await findSamplePlan(ctx.db, month);
  if (!plan) return null;
  const picks = (await samplePicks(ctx.db, month)).filter(
    (p) => scope === null || scope.teamIds.has(p.team_id) || (scope.userId !== null && p.reviewer_user_id === scope.userId),
  );
  const byAgent = new Map<string, QaSamplePlanView["agents"][number]>();
  for (const p of picks) {
    const entry = byAgent.get(p.agent_code) ?? { agentCode: p.agent_code, quota: 0, random: [], targeted: [] };
    if (p.kind === "random") {
      entry.random.push(p.contact_id);
      entry.quota++;
    } else entry.targeted.push({ contactId: p.contact_id, reason: p.reason as QaTargetReason });
    byAgent.set(p.agent_code, entry);
  }
  return {
    month,
    seed: Number(plan.seed),
    generatedAt: plan.generated_at,
    generatedBy: plan.generated_by,
    agents: [...byAgent.values()].sort((a, b) => (a.agentCode < b.agentCode ? -1 : 1)),
    picks: picks.map((p) => ({
      contactId: p.contact_id,
      agentCode: p.agent_code,
      kind: p.kind,
      reason: p.reason,
      reviewer: p.reviewer_email,
      reviewerUserId: p.reviewer_user_id,
      startedAt: p.started_at,
      channel: p.channel,
      durationSec: p.duration_sec === null ? null : Number(p.duration_sec),
    })),
  };
}

/**
 * The stored plan of a month, or null when none was generated. HR sees every pick; a manager
 * sees the picks of their own teams' agents and any pick in their own review queue — never
 * which contacts of other teams' agents were drawn.
 */
export async function getQaSample(ctx: Context, month: string): Promise<QaSamplePlanView | null> {
  const viewer = await policyUserOf(ctx.db, ctx.actor);
  assertCan(viewer, "qa_view_sample");
  if (!qaMonthSchema.safeParse(month).success) throw new DomainError("invalid_input", `"${month}" is not a month written YYYY-MM`, { field: "month" });
  const scope: PickScope = viewer.role === "hr" ? null : { teamIds: new Set(viewer.teamIds), userId: viewer.userId };
  return storedPlan(ctx, month, scope);
}

/**
 * The month's sampling plan: the stored one if there is one (unless `regenerate`), else a
 * new seeded draw, stored with its reviewer assignments. The first plan of a month is
 * seeded from the month itself; each regeneration uses the next seed (or `seed`).
 */
export async function generateQaSample(
  ctx: Context,
  input: { month: string; regenerate?: boolean; seed?: number },
): Promise<QaSamplePlanView & { generated: boolean }> {
  assertCan(await policyUserOf(ctx.db, ctx.actor), "qa_generate_sample");
  if (!qaMonthSchema.safeParse(input.month).success) {
    throw new DomainError("invalid_input", `"${input.month}" is not a month written YYYY-MM`, { field: "month" });
  }
  if (input.seed !== undefined && (!Number.isSafeInteger(input.seed) || input.seed < 0 || input.seed > 2_147_483_647)) {
    throw new DomainError("invalid_input", "the seed must be a whole number from 0 to 2147483647", { field: "seed" });
  }
  const month = input.month;
  const at = isoNow(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const tctx = { ...ctx, db: trx };
    const existing = await storedPlan(tctx, month);
    if (existing && !input.regenerate) return { ...existing, generated: false };
    const seed = input.seed ?? (existing ? (existing.seed + 1) % 2_147_483_647 : hashString(month) % 2_147_483_647);

    const from = monthStartIso(month);
    const to = monthStartIso(shiftMonth(month, 1));
    const contacts = await contactsInRange(trx, from, to);
    const previous = shiftMonth(month, -1);
    const previousCounts = await contactCountsByAgent(trx, monthStartIso(previous), from);
    const history: Array<Map<number, { evaluations: number; full: number }>> = [];
    for (let back = FULL_MARKS_LOOKBACK_MONTHS; back >= 1; back--) {
      const m = shiftMonth(month, -back);
      history.push(await fullMarksByAgent(trx, `${m}-01`, lastDay(m)));
    }
    const problemIds = await problemContactIds(trx, `${previous}-01`, lastDay(month));
    const problemContacts = await contactsByIds(trx, problemIds);

    const agentIds = new Map<string, { id: number; teamId: number }>();
    for (const c of contacts) agentIds.set(c.agent_code, { id: c.agent_id, teamId: c.team_id });
    const plan = planQaSample({
      month,
      seed,
      agents: [...agentIds.entries()].map(([agentCode, { id }]) => ({
        agentCode,
        previousMonthContacts: previousCounts.get(id) ?? 0,
        fullMarksHistory: history.map((h) => {
          const e = h.get(id);
          return e !== undefined && e.evaluations > 0 && e.full === e.evaluations;
        }),
      })),
      contacts: contacts.map((c) => ({
        contactId: c.contact_id,
        agentCode: c.agent_code,
        startedAt: c.started_at,
        channel: c.channel,
        durationSec: c.duration_sec,
        slaMissed: c.sla_missed === 1,
      })),
      problemContacts: problemContacts.map((c) => ({
        contactId: c.contact_id,
        agentCode: c.agent_code,
        startedAt: c.started_at,
        channel: c.channel,
        durationSec: Number(c.duration_sec),
        slaMissed: Number(c.sla_missed) === 1,
      })),
    });

    // Reviewers: the managers of the agent's team; HR when a team has no manager.
    const users = (await listUsers(trx)).filter((u) => u.active);
    const hrIds = users.filter((u) => u.role === "hr").map((u) => u.id);
    const managersByTeam = new Map<number, number[]>();
    for (const u of users.filter((x) => x.role === "manager")) {
      for (const teamId of await teamIdsForUser(trx, u.id)) managersByTeam.set(teamId, [...(managersByTeam.get(teamId) ?? []), u.id]);
    }
    const picks = plan.flatMap((a) => [
      ...a.targeted.map((t) => ({ agentCode: a.agentCode, contactId: t.contactId, kind: "targeted" as const, reason: t.reason as string | null })),
      ...a.random.map((contactId) => ({ agentCode: a.agentCode, contactId, kind: "random" as const, reason: null as string | null })),
    ]);
    const reviewers = balanceReviewers(picks, (p) => {
      const teamId = agentIds.get(p.agentCode)!.teamId;
      const managers = managersByTeam.get(teamId) ?? [];
      return managers.length > 0 ? managers : hrIds;
    });
    await replaceSamplePlan(
      trx,
      { month, seed, generated_at: at, generated_by: ctx.actor.label },
      picks.map((p, i) => ({
        month,
        contact_id: p.contactId,
        agent_id: agentIds.get(p.agentCode)!.id,
        kind: p.kind,
        reason: p.reason,
        reviewer_user_id: reviewers[i] ?? null,
      })),
    );
    await appendAudit(trx, {
      at,
      actor_user_id: ctx.actor.userId,
      actor_label: ctx.actor.label,
      action: existing ? "qa_sample_regenerate" : "qa_sample_generate",
      entity: "qa_sample_plan",
      entity_id: month,
      before: existing ? JSON.stringify({ seed: existing.seed, picks: existing.picks.length }) : null,
      after: JSON.stringify({ seed, picks: picks.length, agents: plan.length }),
    });
    const view = await storedPlan(tctx, month);
    return { ...view!, generated: true };
  });
}
