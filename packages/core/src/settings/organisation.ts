import { DEFAULT_GRADE_MULTIPLIERS, GRADES, type GradeMultipliers } from "@starboard/kpi";
import { type Db, getSettings, setSetting } from "@starboard/db";
import { z } from "zod";

/** Setting keys; values are stored as text and parsed here, once. */
export const SETTING_KEYS = {
  currency: "org.currency",
  timeZone: "org.time_zone",
  incentiveBaseAmount: "incentive.base_amount",
  incentiveGradeMultipliers: "incentive.grade_multipliers",
} as const;

export const organisationSettingsSchema = z.object({
  /** ISO 4217 code, e.g. "CNY", "EUR". */
  currency: z.string().regex(/^[A-Z]{3}$/, "a three-letter ISO currency code, e.g. CNY"),
  /** IANA zone, e.g. "Asia/Shanghai"; dates in files are local to it. */
  timeZone: z.string().min(1),
  /** Grade bonus base per agent per quarter, in the organisation's currency. */
  incentiveBaseAmount: z.number().finite().min(0),
  incentiveGradeMultipliers: z.object(Object.fromEntries(GRADES.map((g) => [g, z.number().finite().min(0)])) as Record<
    (typeof GRADES)[number],
    z.ZodNumber
  >),
});
export type OrganisationSettings = z.infer<typeof organisationSettingsSchema>;

export const DEFAULT_ORGANISATION_SETTINGS: OrganisationSettings = {
  currency: "CNY",
  timeZone: "UTC",
  incentiveBaseAmount: 1000,
  incentiveGradeMultipliers: { ...DEFAULT_GRADE_MULTIPLIERS } as GradeMultipliers,
};

export async function getOrganisationSettings(db: Db): Promise<OrganisationSettings> {
  const raw = await getSettings(db, Object.values(SETTING_KEYS));
  const parsed = organisationSettingsSchema.safeParse({
    currency: raw.get(SETTING_KEYS.currency) ?? DEFAULT_ORGANISATION_SETTINGS.currency,
    timeZone: raw.get(SETTING_KEYS.timeZone) ?? DEFAULT_ORGANISATION_SETTINGS.timeZone,
    incentiveBaseAmount: Number(raw.get(SETTING_KEYS.incentiveBaseAmount) ?? DEFAULT_ORGANISATION_SETTINGS.incentiveBaseAmount),
    incentiveGradeMultipliers: raw.has(SETTING_KEYS.incentiveGradeMultipliers)
      ? JSON.parse(raw.get(SETTING_KEYS.incentiveGradeMultipliers) as string)
      : DEFAULT_ORGANISATION_SETTINGS.incentiveGradeMultipliers,
  });
  // A hand-edited, invalid value must not break pay calculations silently: fall back loudly.
  if (!parsed.success) throw new Error(`organisation settings are invalid: ${parsed.error.issues.map((i) => i.message).join("; ")}`);
  return parsed.data;
}

export async function saveOrganisationSettings(db: Db, settings: OrganisationSettings): Promise<void> {
  const valid = organisationSettingsSchema.parse(settings);
  await setSetting(db, SETTING_KEYS.currency, valid.currency);
  await setSetting(db, SETTING_KEYS.timeZone, valid.timeZone);
  await setSetting(db, SETTING_KEYS.incentiveBaseAmount, String(valid.incentiveBaseAmount));
  await setSetting(db, SETTING_KEYS.incentiveGradeMultipliers, JSON.stringify(valid.incentiveGradeMultipliers));
}
