import { openTestDatabase } from "@starboard/db/testing";
import { setSetting } from "@starboard/db";
import { describe, expect, it } from "vitest";
import { DEFAULT_ORGANISATION_SETTINGS, getOrganisationSettings, saveOrganisationSettings } from "../src/index.ts";

describe("organisation settings", () => {
  it("defaults when nothing is stored, and round-trips what is saved", async () => {
    const db = await openTestDatabase();
    expect(await getOrganisationSettings(db)).toEqual(DEFAULT_ORGANISATION_SETTINGS);
    const changed = { ...DEFAULT_ORGANISATION_SETTINGS, currency: "EUR", incentiveBaseAmount: 250.5, incentiveGradeMultipliers: { A: 2, B: 1.2, C: 0.4, D: 0, E: 0 } };
    await saveOrganisationSettings(db, changed);
    expect(await getOrganisationSettings(db)).toEqual(changed);
    await db.destroy();
  });
  it("refuses an invalid stored value instead of paying with it", async () => {
    const db = await openTestDatabase();
    await setSetting(db, "org.currency", "euro");
    await expect(getOrganisationSettings(db)).rejects.toThrow(/three-letter ISO currency code/);
    await db.destroy();
  });
});
