import { addCoachingNote, type Context, isDomainError, transitionCoachingPlan } from "@starboard/core";
import { PLAN_ACTIONS } from "@starboard/kpi";
import { z } from "zod";
import { domainErrorResponse } from "~/utils/policy.server";

const planActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("transition"), action: z.enum(PLAN_ACTIONS) }),
  z.object({ intent: z.literal("note"), body: z.string().max(4000) }),
]);

export type PlanActionResult = { ok: true; intent: "transition" | "note" } | { ok: false; intent: string; error: string };

/**
 * A state change or a progress note on a plan; the core operations check the policy and the transition.
 * A step the policy refuses is thrown as a 403/404 response (like every other refusal), not returned as a form error.
 */
export async function handlePlanAction(ctx: Context, planId: number, form: FormData): Promise<PlanActionResult> {
  const parsed = planActionSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { ok: false, intent: String(form.get("intent") ?? ""), error: "invalid" };
  const input = parsed.data;
  try {
    if (input.intent === "transition") await transitionCoachingPlan(ctx, { planId, action: input.action });
    else await addCoachingNote(ctx, { planId, body: input.body });
    return { ok: true, intent: input.intent };
  } catch (error) {
    if (!isDomainError(error)) throw error;
    if (error.code === "invalid_transition") return { ok: false, intent: input.intent, error: "invalidTransition" };
    if (error.code === "invalid_input") return { ok: false, intent: input.intent, error: String(error.params.reason ?? "invalid") };
    // Someone who may see the plan but not take this step (HR starting a plan, a manager
    // acknowledging for the agent): 403, as the policy decides; not_found stays 404.
    if (error.code === "forbidden" || error.code === "not_found") throw domainErrorResponse(error);
    return { ok: false, intent: input.intent, error: "invalid" };
  }
}
