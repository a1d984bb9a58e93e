import { type Db, appendAudit, getSetting, setSetting } from "@starboard/db";
import { z } from "zod";
import { type Context, isoNow } from "../context.ts";
import { DomainError } from "../errors.ts";
import { assertActorCan } from "../policy/actor.ts";

export const RETENTION_SETTING_KEY = "privacy.leaver_retention_days";
/** Default: leavers' personal data are kept two years after their leave date. */
export const DEFAULT_RETENTION_DAYS = 730;
export const retentionDaysSchema = z.coerce.number().int().min(30).max(3650);

export async function getRetentionDays(db: Db): Promise<number> {
  const raw = await getSetting(db, RETENTION_SETTING_KEY);
  const parsed = retentionDaysSchema.safeParse(raw);
  return raw !== undefined && parsed.success ? parsed.data : DEFAULT_RETENTION_DAYS;
}

export async function setRetentionDays(ctx: Context, days: number): Promise<void> {
  assertActorCan(ctx, "manage_privacy");
  const parsed = retentionDaysSchema.safeParse(days);
  if (!parsed.success) throw new DomainError("invalid_input", "retention must be a whole number of days, 30–3650", { min: 30, max: 3650 });
  await ctx.db.transaction().execute(async (trx) => {
    const before = await getRetentionDays(trx);
    await setSetting(trx, RETENTION_SETTING_KEY, String(parsed.data));
    await appendAudit(trx, {
      at: isoNow(ctx),
      actor_user_id: ctx.actor.userId,
      actor_label: ctx.actor.label,
      action: "privacy.retention_set",
      entity: "setting",
      entity_id: RETENTION_SETTING_KEY,
      before: JSON.stringify({ days: before }),
      after: JSON.stringify({ days: parsed.data }),
    });
  });
}
