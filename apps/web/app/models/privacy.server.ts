import { anonymiseLeavers, getRetentionDays, retentionDaysSchema, setRetentionDays } from "@starboard/core";
import { contextFor } from "~/utils/context.server";
import type { Db } from "@starboard/db";
import { z } from "zod";
import type { SessionUser } from "~/utils/session.server";
import { type AdminFailure, adminFailure, failure } from "./adminErrors.server";

export type PrivacyActionResult =
  | { ok: true; intent: "retention"; days: number }
  | { ok: true; intent: "anonymise"; count: number }
  | AdminFailure;

const privacyForm = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("retention"), days: z.string().trim().max(10) }),
  z.object({ intent: z.literal("anonymise") }),
]);

export async function privacyPageData(db: Db, user: SessionUser) {
  const ctx = contextFor(db, user);
  const [retentionDays, due] = await Promise.all([getRetentionDays(db), anonymiseLeavers(ctx, { dryRun: true })]);
  return { retentionDays, due: due.anonymised, cutoffDate: due.cutoffDate };
}

export async function handlePrivacyAction(db: Db, user: SessionUser, form: FormData): Promise<PrivacyActionResult> {
  const parsed = privacyForm.safeParse(Object.fromEntries(form));
  if (!parsed.success) return failure("badForm");
  const ctx = contextFor(db, user);
  try {
    if (parsed.data.intent === "retention") {
      const days = retentionDaysSchema.safeParse(parsed.data.days);
      if (!/^\d+$/.test(parsed.data.days) || !days.success) return failure("retention");
      await setRetentionDays(ctx, days.data);
      return { ok: true, intent: "retention", days: days.data };
    }
    const report = await anonymiseLeavers(ctx);
    return { ok: true, intent: "anonymise", count: report.anonymised };
  } catch (error) {
    return adminFailure(error);
  }
}
