import { assignCoachingPlan, type Context, decide, isDomainError } from "@starboard/core";
import { type Db, findAgentIdentityByCode, findMetricResult, listInterventions, mentorCandidates } from "@starboard/db";
import { metricKeySchema, METRIC_CATALOGUE, nextQuarter, quarterEnd, quarterIdSchema } from "@starboard/kpi";
import { z } from "zod";
import { domainErrorResponse } from "~/utils/policy.server";
import type { SessionUser } from "~/utils/session.server";
import { dashboardError } from "./quarters.server";

/** The URL a suggestion links to: /coaching/assign?agent=AG008&metric=…&quarter=2026-Q3[&intervention=1]. */
export const assignParamsSchema = z.object({
  agent: z.string().trim().min(1).max(40),
  metric: metricKeySchema,
  quarter: quarterIdSchema,
  intervention: z.coerce.number().int().positive().optional(),
});

export interface AssignPageData {
  agent: { code: string; name: string; teamName: string };
  metric: { key: string; dimension: string | null; direction: string; unit: string; before: number | null; beforeNormalized: number | null };
  sourceQuarter: string;
  defaults: { targetQuarter: string; dueDate: string; interventionId: number | null };
  interventions: Array<{ id: number; name: string; kind: string; description: string; suggested: boolean }>;
  mentors: Array<{ id: number; name: string; role: string }>;
  quarterOptions: string[];
}

/**
 * The assignment form's data, after the policy check (assign_coaching_plan for the agent's
 * team): an agent who isn't in one of your teams is the same 404 as one that doesn't exist.
 */
export async function getAssignPageData(db: Db, user: SessionUser, url: URL): Promise<AssignPageData> {
  const parsed = assignParamsSchema.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success) throw dashboardError(400, { code: "badRequest" });
  const { agent: code, metric, quarter, intervention } = parsed.data;
  const agent = await findAgentIdentityByCode(db, code.toUpperCase());
  if (!agent) throw dashboardError(404, { code: "notFound" });
  const decision = decide(user, "assign_coaching_plan", { teamId: agent.teamId });
  if (!decision.allowed) {
    if (decision.code === "forbidden") throw new Response("Forbidden", { status: 403, statusText: "Forbidden" });
    throw dashboardError(404, { code: "notFound" });
  }
  const [before, catalogue, mentors] = await Promise.all([
    findMetricResult(db, quarter, agent.agentId, metric),
    listInterventions(db, { activeOnly: true }),
    mentorCandidates(db, agent.teamId, agent.agentId),
  ]);
  const definition = METRIC_CATALOGUE[metric];
  const target = nextQuarter(quarter);
  const suggested = catalogue.filter((i) => i.metricKeys.includes(metric));
  return {
    agent: { code: agent.agentCode, name: agent.agentName, teamName: agent.teamName },
    metric: { key: metric, dimension: before?.dimension_key ?? null, direction: definition.direction, unit: definition.unit, before: before?.raw_value ?? null, beforeNormalized: before?.normalized ?? null },
    sourceQuarter: quarter,
    defaults: {
      targetQuarter: target,
      dueDate: quarterEnd(target),
      interventionId: intervention && catalogue.some((i) => i.id === intervention) ? intervention : (suggested[0]?.id ?? null),
    },
    interventions: [...suggested, ...catalogue.filter((i) => !i.metricKeys.includes(metric))].map((i) => ({
      id: i.id,
      name: i.name,
      kind: i.kind,
      description: i.description,
      suggested: i.metricKeys.includes(metric),
    })),
    mentors: mentors.map((m) => ({ id: m.id, name: m.name, role: m.role })),
    quarterOptions: [target, nextQuarter(target)],
  };
}

export type AssignActionResult = { ok: false; error: string; field: string | null };

/** Runs the core operation; returns a translated-error key on a domain error (the form keeps its values). */
export async function handleAssign(ctx: Context, form: FormData): Promise<{ planId: number } | AssignActionResult> {
  const value = (name: string) => {
    const v = form.get(name);
    return typeof v === "string" ? v : undefined;
  };
  try {
    // Every field is validated by the operation's zod schema (assignCoachingPlanSchema).
    return await assignCoachingPlan(ctx, {
      agentCode: value("agentCode"),
      interventionId: value("interventionId"),
      metric: value("metric"),
      target: value("target") === "" ? undefined : value("target"),
      targetQuarter: value("targetQuarter"),
      sourceQuarter: value("sourceQuarter") || undefined,
      ownerUserId: value("ownerUserId"),
      dueDate: value("dueDate"),
      activities: value("activities"),
    });
  } catch (error) {
    if (!isDomainError(error)) throw error;
    const reason = typeof error.params.reason === "string" ? error.params.reason : "invalid";
    const field = typeof error.params.field === "string" ? error.params.field : null;
    if (error.code === "invalid_input") return { ok: false, error: reason, field };
    // An agent who isn't in one of your teams (or doesn't exist) is the same 404 as in the loader.
    if (error.code === "not_found" || error.code === "forbidden") throw domainErrorResponse(error);
    return { ok: false, error: "invalid", field };
  }
}
