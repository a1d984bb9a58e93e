import { type Context, isDomainError, saveCoachingIntervention } from "@starboard/core";
import { type Db, INTERVENTION_KINDS, listInterventions } from "@starboard/db";
import { METRIC_KEYS } from "@starboard/kpi";
import { z } from "zod";

export async function getCatalogueData(db: Db) {
  return { interventions: await listInterventions(db), kinds: [...INTERVENTION_KINDS], metricKeys: [...METRIC_KEYS] };
}

/** The catalogue form: checkboxes arrive as repeated `metricKeys` fields and `active=on`. */
const catalogueFormSchema = z.object({
  id: z.union([z.literal(""), z.coerce.number().int().positive()]).optional(),
  name: z.string().max(200),
  kind: z.string().max(40),
  description: z.string().max(4000).default(""),
  active: z.literal("on").optional(),
  metricKeys: z.array(z.string().max(60)).max(40),
});

export type CatalogueActionResult = { ok: true; id: number; created: boolean } | { ok: false; id: number | null; error: string };

export async function handleCatalogueSave(ctx: Context, form: FormData): Promise<CatalogueActionResult> {
  const parsed = catalogueFormSchema.safeParse({
    id: form.get("id") ?? undefined,
    name: form.get("name") ?? "",
    kind: form.get("kind") ?? "",
    description: form.get("description") ?? "",
    active: form.get("active") ?? undefined,
    metricKeys: form.getAll("metricKeys"),
  });
  if (!parsed.success) return { ok: false, id: null, error: "invalid" };
  const id = parsed.data.id === "" || parsed.data.id === undefined ? undefined : parsed.data.id;
  try {
    // saveCoachingIntervention checks manage_coaching_catalogue and validates with its own zod schema.
    const saved = await saveCoachingIntervention(ctx, {
      id,
      name: parsed.data.name,
      kind: parsed.data.kind as (typeof INTERVENTION_KINDS)[number],
      description: parsed.data.description,
      active: parsed.data.active === "on",
      metricKeys: parsed.data.metricKeys as (typeof METRIC_KEYS)[number][],
    });
    return { ok: true, ...saved };
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return { ok: false, id: id ?? null, error: typeof error.params.reason === "string" ? error.params.reason : "invalid" };
  }
}
