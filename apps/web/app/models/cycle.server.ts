import {
  addAwardType,
  type Context,
  decideNomination,
  editAwardType,
  ensureDefaultAwardTypes,
  getOrganisationSettings,
  isDomainError,
  LockBlockedError,
  lockBlockers,
  quarterImportHistory,
  rollbackImport,
  runCycleStep,
  updateOrganisationSettings,
} from "@starboard/core";
import { type Db, listAgentResponses, listAwardTypes, listNominations, listQuarters, listQuarterTransitions, type QuarterState } from "@starboard/db";
import { AWARD_RULES } from "@starboard/db";
import { availableCycleSteps, CYCLE_STEPS, GRADES, previousQuarter, quarterIdSchema, quarterOfDate } from "@starboard/kpi";
import { z } from "zod";
import type { SessionUser } from "~/utils/session.server";
import { dashboardError } from "./quarters.server";

/** The outcome of a cycle-page action, translated with `cycle:error.<code>` / `cycle:done.<code>`. */
export type CycleActionResult =
  | { ok: true; done: string; params: Record<string, string | number> }
  | { ok: false; error: string; params: Record<string, string | number>; blockers?: Array<{ code: string; message: string; params: Record<string, string | number> }> };

const fail = (error: string, params: Record<string, string | number> = {}): CycleActionResult => ({ ok: false, error, params });

/** Every known quarter plus the current and previous one, newest first. */
async function quarterOptions(db: Db, today = new Date()) {
  const known = await listQuarters(db);
  const current = quarterOfDate(today.toISOString().slice(0, 10));
  const states = new Map(known.map((q) => [q.id, q.state]));
  return [...new Set([current, previousQuarter(current), ...known.map((q) => q.id)])]
    .sort()
    .reverse()
    .map((id) => ({ id, state: (states.get(id) ?? "draft") as QuarterState }));
}

export async function getCyclePageData(db: Db, url: URL) {
  const quarters = await quarterOptions(db);
  const raw = url.searchParams.get("quarter");
  let quarterId = quarters.find((q) => q.state !== "published")?.id ?? quarters[0]!.id;
  if (raw) {
    const parsed = quarterIdSchema.safeParse(raw.trim().toUpperCase());
    if (!parsed.success) throw dashboardError(400, { code: "badQuarter", value: raw.slice(0, 40) });
    quarterId = parsed.data;
    if (!quarters.some((q) => q.id === quarterId)) quarters.unshift({ id: quarterId, state: "draft" });
  }
  const state = quarters.find((q) => q.id === quarterId)!.state;
  const [transitions, imports, nominations, awardTypes, blockers, appeals] = await Promise.all([
    listQuarterTransitions(db, quarterId),
    quarterImportHistory(db, quarterId),
    listNominations(db, quarterId),
    listAwardTypes(db),
    state === "in_review" ? lockBlockers(db, quarterId) : Promise.resolve([]),
    listAgentResponses(db, quarterId),
  ]);
  return {
    quarter: { id: quarterId, state },
    quarters,
    steps: availableCycleSteps(state),
    transitions: transitions.map((t) => ({ id: t.id, from: t.from_state, to: t.to_state, by: t.actor_label, at: t.at, reason: t.reason })),
    imports,
    nominations: nominations.map((n) => ({
      id: n.id,
      agentCode: n.agent_code,
      agentName: n.agent_name,
      team: n.team_name,
      award: n.award_name,
      awardKey: n.award_key,
      amount: n.award_amount,
      currency: n.award_currency,
      status: n.status,
      reason: n.reason,
      decidedBy: n.decided_by,
    })),
    awardTypes: awardTypes.length,
    blockers: blockers.map((b) => ({ code: b.code, message: b.message, params: b.params ?? {} })),
    appeals: appeals.map((a) => ({ id: a.id, agentCode: a.agent_code, agentName: a.name, body: a.body, at: a.at, kind: a.kind })),
    payable: state === "locked" || state === "published",
  };
}

const stepSchema = z.object({
  intent: z.literal("step"),
  quarter: quarterIdSchema,
  step: z.enum(CYCLE_STEPS),
  reason: z.string().max(1000).optional(),
});
const decideSchema = z.object({
  intent: z.literal("decide"),
  quarter: quarterIdSchema,
  agentCode: z.string().trim().min(1).max(64),
  awardKey: z.string().min(1).max(120),
  decision: z.enum(["approve", "reject"]),
  reason: z.string().max(1000).optional(),
});
const rollbackSchema = z.object({ intent: z.literal("rollback"), quarter: quarterIdSchema, importId: z.coerce.number().int().positive() });
const cycleActionSchema = z.discriminatedUnion("intent", [stepSchema, decideSchema, rollbackSchema]);

function domainFailure(error: unknown): CycleActionResult {
  if (error instanceof LockBlockedError) {
    return { ok: false, error: "lock_blocked", params: { count: error.blockers.length }, blockers: error.blockers.map((b) => ({ code: b.code, message: b.message, params: b.params ?? {} })) };
  }
  if (isDomainError(error)) return fail(error.code, { message: error.message, ...error.params });
  throw error;
}

export async function handleCycleAction(ctx: Context, form: FormData): Promise<CycleActionResult> {
  const parsed = cycleActionSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return fail("invalid_input", { message: parsed.error.issues[0]?.message ?? "" });
  const input = parsed.data;
  try {
    switch (input.intent) {
      case "step": {
        const result = await runCycleStep(ctx, input.quarter, input.step, input.reason);
        return { ok: true, done: "step", params: { quarter: result.quarter, from: result.from, to: result.to } };
      }
      case "decide": {
        const result = await decideNomination(ctx, { quarterId: input.quarter, agentCode: input.agentCode, awardKey: input.awardKey, decision: input.decision, reason: input.reason });
        return { ok: true, done: result.status, params: { agent: result.agentCode, award: result.award } };
      }
      case "rollback": {
        const result = await rollbackImport(ctx, input.importId);
        return { ok: true, done: "rollback", params: { importId: result.importId, deleted: result.deleted, restored: result.restored } };
      }
    }
  } catch (error) {
    return domainFailure(error);
  }
}

// ── Settings page ─────────────────────────────────────────────────────────────
export async function getSettingsPageData(db: Db) {
  // Idempotent bootstrap of the default award (like the default rubric): HR sees Service Star to edit.
  await ensureDefaultAwardTypes(db, new Date().toISOString());
  const [settings, awardTypes] = await Promise.all([getOrganisationSettings(db), listAwardTypes(db)]);
  return { settings, awardTypes: awardTypes.map((t) => ({ id: t.id, key: t.key, name: t.name, rule: t.rule, amount: t.amount, currency: t.currency, active: t.active === 1 })), rules: [...AWARD_RULES], grades: [...GRADES] };
}

const num = z.coerce.number({ invalid_type_error: "number" }).finite();
const settingsSchema = z.object({
  intent: z.literal("settings"),
  currency: z.string().trim().toUpperCase(),
  timeZone: z.string().trim().min(1).max(64),
  incentiveBaseAmount: num,
  ...Object.fromEntries(GRADES.map((g) => [`multiplier${g}`, num])),
});
const awardSchema = z.object({
  intent: z.enum(["addAward", "editAward"]),
  id: z.coerce.number().int().positive().optional(),
  name: z.string().max(80),
  rule: z.enum(AWARD_RULES).optional(),
  amount: num,
  currency: z.string().trim().toUpperCase(),
  active: z.string().optional(),
});

export async function handleSettingsAction(ctx: Context, form: FormData): Promise<CycleActionResult> {
  const raw = Object.fromEntries(form);
  try {
    if (raw.intent === "settings") {
      const parsed = settingsSchema.safeParse(raw);
      if (!parsed.success) return fail("invalid_input", { message: `${parsed.error.issues[0]?.path.join(".")}: ${parsed.error.issues[0]?.message}` });
      const d = parsed.data as Record<string, unknown> & z.infer<typeof settingsSchema>;
      await updateOrganisationSettings(ctx, {
        currency: d.currency,
        timeZone: d.timeZone,
        incentiveBaseAmount: d.incentiveBaseAmount,
        incentiveGradeMultipliers: Object.fromEntries(GRADES.map((g) => [g, d[`multiplier${g}`] as number])) as Record<(typeof GRADES)[number], number>,
      });
      return { ok: true, done: "settings", params: {} };
    }
    const parsed = awardSchema.safeParse(raw);
    if (!parsed.success) return fail("invalid_input", { message: `${parsed.error.issues[0]?.path.join(".")}: ${parsed.error.issues[0]?.message}` });
    const d = parsed.data;
    if (d.intent === "addAward") {
      if (!d.rule) return fail("invalid_input", { message: "rule" });
      await addAwardType(ctx, { name: d.name, rule: d.rule, amount: d.amount, currency: d.currency });
      return { ok: true, done: "awardAdded", params: { name: d.name } };
    }
    if (!d.id) return fail("invalid_input", { message: "id" });
    const current = (await listAwardTypes(ctx.db)).find((t) => t.id === d.id);
    if (!current) return fail("not_found", {});
    await editAwardType(ctx, d.id, { name: d.name, rule: current.rule, amount: d.amount, currency: d.currency, active: d.active === "on" });
    return { ok: true, done: "awardSaved", params: { name: d.name } };
  } catch (error) {
    return domainFailure(error);
  }
}
