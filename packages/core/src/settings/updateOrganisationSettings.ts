import { appendAudit } from "@starboard/db";
import { type Context, isoNow } from "../context.ts";
import { DomainError } from "../errors.ts";
import { assertActorCan } from "../policy/actor.ts";
import { inTransaction } from "../transaction.ts";
import { getOrganisationSettings, type OrganisationSettings, organisationSettingsSchema, saveOrganisationSettings } from "./organisation.ts";

/** HR changes currency, time zone, incentive base amount and grade multipliers (audited). */
export async function updateOrganisationSettings(ctx: Context, input: OrganisationSettings): Promise<OrganisationSettings> {
  assertActorCan(ctx, "manage_settings");
  const parsed = organisationSettingsSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DomainError("invalid_input", issue?.message ?? "invalid settings", { field: issue?.path.join(".") ?? "" });
  }
  return inTransaction(ctx.db, async (trx) => {
    const before = await getOrganisationSettings(trx);
    await saveOrganisationSettings(trx, parsed.data);
    await appendAudit(trx, {
      at: isoNow(ctx),
      actor_user_id: ctx.actor.userId,
      actor_label: ctx.actor.label,
      action: "settings.update",
      entity: "settings",
      entity_id: "organisation",
      before: JSON.stringify(before),
      after: JSON.stringify(parsed.data),
    });
    return parsed.data;
  });
}
