import { listAudit } from "@starboard/db";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  anonymiseLeavers,
  exportPersonalData,
  getRetentionDays,
  logPersonalRead,
  neutraliseCell,
  scoreQuarter,
  setRetentionDays,
} from "../../src/index.ts";
import { securityFixture } from "./helpers.ts";

let f: Awaited<ReturnType<typeof securityFixture>>;
beforeEach(async () => {
  f = await securityFixture();
});
afterEach(async () => {
  await f.db.destroy();
});

describe("reads of personal results are logged", () => {
  it("HR or a manager viewing an agent is audited; the agent viewing themself is not", async () => {
    const ann = await f.db.selectFrom("agents").select(["id", "agent_code"]).where("agent_code", "=", "A1").executeTakeFirstOrThrow();
    const subject = { agentId: ann.id, agentCode: ann.agent_code };
    expect(await logPersonalRead(f.manager, subject, null, { page: "/agents/A1", quarter: "2026-Q1" })).toBe(true);
    expect(await logPersonalRead(f.agent, subject, ann.id, { page: "/me" })).toBe(false);
    const entries = await listAudit(f.db, { entity: "agent", entityId: "A1" });
    expect(entries.map((e) => [e.action, e.actor_label])).toEqual([["personal_results.view", "north@example.com"]]);
  });
});

describe("retention and anonymisation of leavers", () => {
  it("default 730 days; a leaver past it is anonymised, aggregates kept, others untouched", async () => {
    expect(await getRetentionDays(f.db)).toBe(730);
    await expect(setRetentionDays(f.hr, 10)).rejects.toMatchObject({ code: "invalid_input" });
    await expect(setRetentionDays(f.manager, 365)).rejects.toMatchObject({ code: "forbidden" });
    await setRetentionDays(f.hr, 365);
    const lea = await f.db.selectFrom("agents").select("id").where("agent_code", "=", "L1").executeTakeFirstOrThrow();
    await f.db
      .insertInto("csat_responses")
      .values({ response_id: "R1", date: "2022-03-01", agent_id: lea.id, channel: "chat", rating: 4, import_id: null })
      .execute();

    const dry = await anonymiseLeavers(f.hr, { dryRun: true });
    expect(dry).toEqual({ retentionDays: 365, cutoffDate: "2025-04-02", anonymised: 1, dryRun: true });
    expect((await f.db.selectFrom("agents").select("name").where("id", "=", lea.id).executeTakeFirstOrThrow()).name).toBe("Lea Old");

    expect((await anonymiseLeavers(f.hr)).anonymised).toBe(1);
    const after = await f.db.selectFrom("agents").selectAll().where("id", "=", lea.id).executeTakeFirstOrThrow();
    expect(after).toMatchObject({ agent_code: `ANON-${lea.id}`, name: `ANON-${lea.id}`, email: null });
    const user = await f.db.selectFrom("users").selectAll().where("agent_id", "=", lea.id).executeTakeFirstOrThrow();
    expect(user).toMatchObject({ email: `anon-${user.id}@anonymised.invalid`, active: 0, password_hash: null });
    // The facts stay (aggregates keep their inputs), under the pseudonym.
    expect(await f.db.selectFrom("csat_responses").select("rating").where("agent_id", "=", lea.id).execute()).toEqual([{ rating: 4 }]);
    const active = await f.db.selectFrom("agents").select("name").where("agent_code", "in", ["A1", "A2", "B1"]).execute();
    expect(active).toHaveLength(3);
    // Idempotent: nobody left to anonymise.
    expect((await anonymiseLeavers(f.hr)).anonymised).toBe(0);
    expect((await listAudit(f.db, { entity: "agent" })).filter((e) => e.action === "privacy.anonymise")).toHaveLength(1);
  });
});

describe("export of everything held about one person", () => {
  it("returns the agent, their account (no password hash), results and facts; is audited; HR only", async () => {
    await f.db.insertInto("settings").values({ key: "x", value: "y" }).execute();
    const data = await exportPersonalData(f.hr, "A1");
    expect(data.format).toBe("starboard-personal-data/1");
    expect(data.agent).toMatchObject({ agent_code: "A1", name: "Ann Lee", email: "ann@example.com", team: "North" });
    expect(data.users).toHaveLength(1);
    expect(JSON.stringify(data)).not.toContain("password_hash");
    expect(data.results).toEqual([]);
    expect((await listAudit(f.db, { entity: "agent", entityId: "A1" }))[0]).toMatchObject({ action: "privacy.export" });
    await expect(exportPersonalData(f.manager, "A1")).rejects.toMatchObject({ code: "forbidden" });
    await expect(exportPersonalData(f.hr, "ZZZ")).rejects.toMatchObject({ code: "not_found" });
  });

  it("includes scored results with their explanation once a quarter is scored", async () => {
    await scoreQuarter(f.system, "2026-Q1");
    const data = await exportPersonalData(f.hr, "A1");
    // Every active agent appears in a scored quarter (A1 with no data: insufficient).
    expect(data.results).toHaveLength(1);
    expect(data.results[0]).toMatchObject({ quarter_id: "2026-Q1", status: "insufficient" });
    expect(typeof data.results[0]!.explanation).toBe("object");
  });
});

describe("spreadsheet exports neutralise formula-leading text", () => {
  it.each([
    ["=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"],
    ["+1+1", "'+1+1"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tcmd", "'\tcmd"],
    ["\rcmd", "'\rcmd"],
    ["＝1+1", "'＝1+1"],
    ["Ann Lee", "Ann Lee"],
    ["", ""],
  ])("%j → %j", (input, expected) => {
    expect(neutraliseCell(input)).toBe(expected);
  });
  it("numbers stay numbers (a negative amount is not text)", () => {
    expect(neutraliseCell(-12.5)).toBe(-12.5);
    expect(neutraliseCell(null)).toBe(null);
  });
});
