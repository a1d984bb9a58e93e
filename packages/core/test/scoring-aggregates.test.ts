import { openTestDatabase } from "@starboard/db/testing";
import { type Db, sumCsatByAgent, sumInteractionsByAgentChannel, sumQaByAgent } from "@starboard/db";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadAgentFacts } from "../src/index.ts";

/** The aggregation SQL against sums worked out by hand. */
const AT = "2026-01-01T00:00:00.000Z";
let db: Db;
let a1: number;
let a2: number;

beforeEach(async () => {
  db = await openTestDatabase();
  const team = await db.insertInto("teams").values({ name: "Chat Squad", created_at: AT }).returning("id").executeTakeFirstOrThrow();
  const agent = (code: string) =>
    db
      .insertInto("agents")
      .values({ agent_code: code, name: code, email: null, team_id: team.id, hire_date: "2020-01-01", leave_date: null, created_at: AT, updated_at: AT })
      .returning("id")
      .executeTakeFirstOrThrow();
  a1 = (await agent("A1")).id;
  a2 = (await agent("A2")).id;
});
afterEach(async () => {
  await db.destroy();
});

type Cells = {
  frt?: number | null;
  within90?: number | null;
  resolved?: number | null;
  rfc?: number | null;
  repeat?: number | null;
  complaints?: number | null;
};
async function day(agentId: number, date: string, channel: string, contacts: number, c: Cells = {}) {
  await db
    .insertInto("interaction_daily")
    .values({
      date,
      agent_id: agentId,
      channel,
      contacts,
      first_response_sec_sum: c.frt ?? null,
      answered_within_90s: c.within90 ?? null,
      resolved: c.resolved ?? null,
      resolved_first_contact: c.rfc ?? null,
      repeat_contacts_30d: c.repeat ?? null,
      complaints: c.complaints ?? null,
      import_id: null,
    })
    .execute();
}

describe("sumInteractionsByAgentChannel", () => {
  it("sums per agent and channel; each rate's denominator counts only contacts where its numerator is recorded", async () => {
    // A1 phone, three days in Q1 and one outside it on each side.
    await day(a1, "2026-01-01", "phone", 100, { frt: 3000, within90: 90, resolved: 95, rfc: 80, repeat: 5, complaints: 1 });
    await day(a1, "2026-02-15", "phone", 50, { frt: null, within90: 40, resolved: null, rfc: null, repeat: 2, complaints: null });
    await day(a1, "2026-03-31", "phone", 30, { frt: 1200, within90: null, resolved: 30, rfc: 27, repeat: null, complaints: 0 });
    await day(a1, "2025-12-31", "phone", 999, { frt: 99_999, within90: 999, resolved: 999, rfc: 999, repeat: 999, complaints: 999 });
    await day(a1, "2026-04-01", "phone", 999, { frt: 99_999, within90: 999, resolved: 999, rfc: 999, repeat: 999, complaints: 999 });
    // A1 chat: a day with 0 contacts and nothing else recorded, and a normal day.
    await day(a1, "2026-01-02", "chat", 0);
    await day(a1, "2026-01-03", "chat", 40, { frt: 600.5, resolved: 38, rfc: 36 });
    // A1 email: only 0-contact days.
    await day(a1, "2026-01-02", "email", 0, { frt: 0, resolved: 0, rfc: 0 });
    // A2 phone.
    await day(a2, "2026-01-05", "phone", 10, { frt: 250 });

    const rows = await sumInteractionsByAgentChannel(db, "2026-01-01", "2026-03-31");
    expect(rows).toEqual([
      {
        agentId: a1,
        channel: "chat",
        contacts: 40,
        frtContacts: 40,
        firstResponseSecSum: 600.5,
        answerContacts: 0,
        answeredWithin90s: 0,
        resolved: 38,
        resolvedFirstContact: 36,
        repeatBaseContacts: 0,
        repeatContacts30d: 0,
        complaintBaseContacts: 0,
        complaints: 0,
      },
      {
        agentId: a1,
        channel: "email",
        contacts: 0,
        frtContacts: 0,
        firstResponseSecSum: 0,
        answerContacts: 0,
        answeredWithin90s: 0,
        resolved: 0,
        resolvedFirstContact: 0,
        repeatBaseContacts: 0,
        repeatContacts30d: 0,
        complaintBaseContacts: 0,
        complaints: 0,
      },
      {
        agentId: a1,
        channel: "phone",
        contacts: 180, // 100 + 50 + 30
        frtContacts: 130, // the 50-contact day has no FRT recorded
        firstResponseSecSum: 4200,
        answerContacts: 150, // the 30-contact day has no answer count
        answeredWithin90s: 130,
        resolved: 125, // 95 + 30; the day without the pair is left out
        resolvedFirstContact: 107,
        repeatBaseContacts: 150,
        repeatContacts30d: 7,
        complaintBaseContacts: 130,
        complaints: 1,
      },
      {
        agentId: a2,
        channel: "phone",
        contacts: 10,
        frtContacts: 10,
        firstResponseSecSum: 250,
        answerContacts: 0,
        answeredWithin90s: 0,
        resolved: 0,
        resolvedFirstContact: 0,
        repeatBaseContacts: 0,
        repeatContacts30d: 0,
        complaintBaseContacts: 0,
        complaints: 0,
      },
    ]);
    for (const row of rows) for (const value of Object.values(row)) if (typeof value !== "string") expect(typeof value).toBe("number");
  });

  it("returns nothing for a range without rows", async () => {
    await day(a1, "2026-01-01", "phone", 100, { frt: 3000 });
    expect(await sumInteractionsByAgentChannel(db, "2026-04-01", "2026-06-30")).toEqual([]);
  });
});

describe("sumQaByAgent and sumCsatByAgent", () => {
  it("counts a fatal evaluation as 0 and sums ratings per agent within the range", async () => {
    const evaluation = (id: string, agentId: number, date: string, score: number, fatal: 0 | 1) => ({
      evaluation_id: id,
      date,
      agent_id: agentId,
      form: "Phone QA",
      score_pct: score,
      fatal,
      reviewer_code: "QA01",
      contact_id: null,
      import_id: null,
    });
    await db
      .insertInto("qa_evaluations")
      .values([
        evaluation("E1", a1, "2026-01-10", 92, 0),
        evaluation("E2", a1, "2026-02-10", 88.5, 0),
        evaluation("E3", a1, "2026-03-10", 75, 1),
        evaluation("E4", a1, "2026-04-10", 100, 0),
        evaluation("E5", a2, "2026-03-31", 60, 0),
      ])
      .execute();
    const response = (id: string, agentId: number, date: string, rating: number) => ({ response_id: id, date, agent_id: agentId, channel: "chat", rating, import_id: null });
    await db
      .insertInto("csat_responses")
      .values([
        response("R1", a1, "2026-01-01", 5),
        response("R2", a1, "2026-03-31", 4),
        response("R3", a1, "2025-12-31", 1),
        response("R4", a2, "2026-02-02", 2),
      ])
      .execute();

    expect(await sumQaByAgent(db, "2026-01-01", "2026-03-31")).toEqual([
      { agentId: a1, evaluations: 3, scorePctSum: 180.5, fatalEvaluations: 1 },
      { agentId: a2, evaluations: 1, scorePctSum: 60, fatalEvaluations: 0 },
    ]);
    expect(await sumCsatByAgent(db, "2026-01-01", "2026-03-31")).toEqual([
      { agentId: a1, responses: 2, ratingSum: 9 },
      { agentId: a2, responses: 1, ratingSum: 2 },
    ]);

    const facts = await loadAgentFacts(db, "2026-01-01", "2026-03-31");
    expect(facts.get(a1)).toEqual({
      channels: {},
      qa: { evaluations: 3, scorePctSum: 180.5, fatalEvaluations: 1 },
      csat: { responses: 2, ratingSum: 9 },
      itemRatings: {},
    });
  });
});
