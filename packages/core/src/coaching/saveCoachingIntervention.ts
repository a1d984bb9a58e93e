import { appendAudit, findIntervention, findInterventionByName, INTERVENTION_KINDS, saveIntervention } from "@starboard/db";
import { METRIC_KEYS } from "@starboard/kpi";
import { z } from "zod";
import { type Context, isoNow } from "../context.ts";
import { DomainError } from "../errors.ts";
import { assertCan } from "../policy/index.ts";
import { policyUserOf } from "../policy/policyUserOf.ts";

export const interventionSchema = z.object({
  id: z.coerce.number().int().positive().optional(),
  name: z.string().trim().min(1).max(120),
  kind: z.enum(INTERVENTION_KINDS),
  description: z.string().trim().max(2000).default(""),
  active: z.boolean(),
  metricKeys: z.array(z.enum(METRIC_KEYS)).min(1).max(METRIC_KEYS.length),
});
export type InterventionInput = z.input<typeof interventionSchema>;

/** HR adds or edits an entry of the intervention catalogue (names are unique). One transaction, audited. */
export async function saveCoachingIntervention(ctx: Context, raw: InterventionInput): Promise<{ id: number; created: boolean }> {
  const parsed = interventionSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = String(issue.path[0] ?? "form");
    throw new DomainError("invalid_input", `${field}: ${issue.message}`, { field, reason: field === "metricKeys" ? "noMetric" : "invalid" });
  }
  const input = parsed.data;
  const now = isoNow(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    assertCan(await policyUserOf(trx, ctx.actor), "manage_coaching_catalogue");
    const existing = input.id === undefined ? undefined : await findIntervention(trx, input.id);
    if (input.id !== undefined && !existing) throw new DomainError("not_found", `intervention ${input.id} does not exist`, { id: input.id });
    const sameName = await findInterventionByName(trx, input.name);
    if (sameName && sameName.id !== input.id) {
      throw new DomainError("invalid_input", `an intervention called "${input.name}" already exists`, { field: "name", reason: "duplicateName" });
    }
    const values = { name: input.name, kind: input.kind, description: input.description, active: input.active, metricKeys: [...new Set(input.metricKeys)].sort() };
    const id = await saveIntervention(trx, input.id, values, now);
    await appendAudit(trx, {
      at: now,
      actor_user_id: ctx.actor.userId,
      actor_label: ctx.actor.label,
      action: existing ? "coaching.intervention.update" : "coaching.intervention.create",
      entity: "coaching_intervention",
      entity_id: String(id),
      before: existing ? JSON.stringify(existing) : null,
      after: JSON.stringify({ id, ...values }),
    });
    return { id, created: !existing };
  });
}
