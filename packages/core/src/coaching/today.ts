import type { Db } from "@starboard/db";
import { getOrganisationSettings } from "../settings/organisation.ts";

/** Today's calendar date (`YYYY-MM-DD`) in the organisation's time zone — what "overdue" is measured against. */
export async function organisationToday(db: Db, now: Date): Promise<string> {
  const { timeZone } = await getOrganisationSettings(db);
  try {
    return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
  } catch {
    return now.toISOString().slice(0, 10);
  }
}
