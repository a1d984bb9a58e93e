import { appendAudit, type AwardRule, AWARD_RULES, type AwardType, type Db, findAwardTypeByKey, insertAwardType, listAwardTypes, updateAwardType } from "@starboard/db";
import { z } from "zod";
import { type Context, isoNow } from "../context.ts";
import { DomainError } from "../errors.ts";
import { assertActorCan } from "../policy/actor.ts";
import { getOrganisationSettings } from "../settings/organisation.ts";
import { inTransaction } from "../transaction.ts";

/** Service Star ships as the default award; its amount is editable by HR. */
export const SERVICE_STAR_KEY = "service_star";
export const DEFAULT_SERVICE_STAR_AMOUNT = 500;

/** Creates the default Service Star award type (in the organisation's currency) when missing. */
export async function ensureDefaultAwardTypes(db: Db, now: string): Promise<void> {
  if (await findAwardTypeByKey(db, SERVICE_STAR_KEY)) return;
  const { currency } = await getOrganisationSettings(db);
  await insertAwardType(db, {
    key: SERVICE_STAR_KEY,
    name: "Service Star",
    rule: "service_star",
    amount: DEFAULT_SERVICE_STAR_AMOUNT,
    currency,
    active: 1,
    created_at: now,
  });
}

export const awardTypeInputSchema = z.object({
  name: z.string().trim().min(1, "a name is required").max(80),
  rule: z.enum(AWARD_RULES),
  amount: z.number().finite().min(0, "the amount cannot be negative").max(1_000_000),
  currency: z.string().regex(/^[A-Z]{3}$/, "a three-letter ISO currency code, e.g. CNY"),
});
export type AwardTypeInput = z.infer<typeof awardTypeInputSchema>;

const keyFor = (name: string, rule: AwardRule) =>
  `${rule}:${name.toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_|_$/g, "") || "award"}`;

function validated(input: AwardTypeInput): AwardTypeInput {
  const parsed = awardTypeInputSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DomainError("invalid_input", issue?.message ?? "invalid award type", { field: String(issue?.path[0] ?? "") });
  }
  return parsed.data;
}

/** HR adds an award type, e.g. "Most improved" (rule most_improved), with its amount and currency. */
export async function addAwardType(ctx: Context, input: AwardTypeInput): Promise<AwardType> {
  assertActorCan(ctx, "decide_awards");
  const valid = validated(input);
  const now = isoNow(ctx);
  return inTransaction(ctx.db, async (trx) => {
    await ensureDefaultAwardTypes(trx, now);
    const key = keyFor(valid.name, valid.rule);
    if (await findAwardTypeByKey(trx, key)) {
      throw new DomainError("conflict", `an award type named "${valid.name}" with this rule already exists`, { name: valid.name });
    }
    const id = await insertAwardType(trx, { key, ...valid, active: 1, created_at: now });
    await appendAudit(trx, {
      at: now,
      actor_user_id: ctx.actor.userId,
      actor_label: ctx.actor.label,
      action: "award_type.add",
      entity: "award_type",
      entity_id: String(id),
      before: null,
      after: JSON.stringify({ key, ...valid }),
    });
    return (await listAwardTypes(trx)).find((t) => t.id === id)!;
  });
}

/** HR changes an award type's name, amount, currency or switches it on/off. */
export async function editAwardType(ctx: Context, id: number, input: AwardTypeInput & { active: boolean }): Promise<void> {
  assertActorCan(ctx, "decide_awards");
  const valid = validated(input);
  const now = isoNow(ctx);
  await inTransaction(ctx.db, async (trx) => {
    const before = (await listAwardTypes(trx)).find((t) => t.id === id);
    if (!before) throw new DomainError("not_found", `no award type #${id}`, { id });
    await updateAwardType(trx, id, { name: valid.name, amount: valid.amount, currency: valid.currency, active: input.active ? 1 : 0 });
    await appendAudit(trx, {
      at: now,
      actor_user_id: ctx.actor.userId,
      actor_label: ctx.actor.label,
      action: "award_type.edit",
      entity: "award_type",
      entity_id: String(id),
      before: JSON.stringify(before),
      after: JSON.stringify({ ...valid, active: input.active }),
    });
  });
}
