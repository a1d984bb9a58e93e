import { openTestDatabase } from "@starboard/db/testing";
import {
  type Db,
  effectivenessByIntervention,
  effectivenessByMentor,
  findCoachingPlan,
  listAudit,
  listCoachingPlanNotes,
  listCoachingPlans,
  listInterventions,
} from "@starboard/db";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  addCoachingNote,
  assignCoachingPlan,
  type AssignCoachingPlanInput,
  type Context,
  createContext,
  DomainError,
  evaluateCoachingPlans,
  planProgress,
  saveCoachingIntervention,
  scoreQuarter,
  suggestCoaching,
  systemActor,
  transitionCoachingPlan,
} from "../src/index.ts";

const NOW = new Date("2026-04-10T09:00:00.000Z");
const AT = NOW.toISOString();
let db: Db;
let system: Context;
let ids: { north: number; south: number; a1: number; a2: number; hr: number; manager: number; agent1: number; agent2: number };

const as = (userId: number, label: string, role: "hr" | "manager" | "agent") => createContext(db, { userId, label, role }, () => NOW);

async function insertUser(email: string, role: "hr" | "manager" | "agent", agentId: number | null): Promise<number> {
  const row = await db
    .insertInto("users")
    .values({ email, name: email.split("@")[0]!, role, agent_id: agentId, password_hash: null, active: 1, created_at: AT, updated_at: AT })
    .returning("id")
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/** One day of phone contacts: FCR = rfc / resolved, first response 30 s average. */
async function phoneDay(agentId: number, date: string, resolved: number, rfc: number) {
  await db
    .insertInto("interaction_daily")
    .values({ date, agent_id: agentId, channel: "phone", contacts: resolved, first_response_sec_sum: resolved * 30, answered_within_90s: null, resolved, resolved_first_contact: rfc, repeat_contacts_30d: null, complaints: null, import_id: null })
    .execute();
}

beforeEach(async () => {
  db = await openTestDatabase();
  system = createContext(db, systemActor("test:cli"), () => NOW);
  const team = async (name: string) => Number((await db.insertInto("teams").values({ name, created_at: AT }).returning("id").executeTakeFirstOrThrow()).id);
  const north = await team("Phone Support North");
  const south = await team("Phone Support South");
  const agent = async (code: string, teamId: number) =>
    Number(
      (
        await db
          .insertInto("agents")
          .values({ agent_code: code, name: `Agent ${code}`, email: null, team_id: teamId, hire_date: "2024-01-01", leave_date: null, created_at: AT, updated_at: AT })
          .returning("id")
          .executeTakeFirstOrThrow()
      ).id,
    );
  const a1 = await agent("A001", north);
  const a2 = await agent("A002", south);
  const hr = await insertUser("hr@x.test", "hr", null);
  const manager = await insertUser("manager@x.test", "manager", null);
  await db.insertInto("user_teams").values({ user_id: manager, team_id: north }).execute();
  const agent1 = await insertUser("a001@x.test", "agent", a1);
  const agent2 = await insertUser("a002@x.test", "agent", a2);
  ids = { north, south, a1, a2, hr, manager, agent1, agent2 };
  // 2026-Q1: A001 resolves 80 % first time (FCR band < 85 → 0/10 → weak); A002 96 % (not weak).
  await phoneDay(a1, "2026-02-02", 100, 80);
  await phoneDay(a2, "2026-02-02", 100, 96);
  await scoreQuarter(system, "2026-Q1");
});
afterEach(async () => {
  await db.destroy();
});

const manager = () => as(ids.manager, "manager@x.test", "manager");
const agent1 = () => as(ids.agent1, "a001@x.test", "agent");
const agent2 = () => as(ids.agent2, "a002@x.test", "agent");

async function mentoringId(): Promise<number> {
  return (await listInterventions(db)).find((i) => i.name === "1:1 mentoring on case handling")!.id;
}

async function planInput(overrides: Partial<AssignCoachingPlanInput> = {}): Promise<AssignCoachingPlanInput> {
  return {
    agentCode: "A001",
    interventionId: await mentoringId(),
    metric: "first_contact_resolution",
    target: 90,
    targetQuarter: "2026-Q2",
    sourceQuarter: "2026-Q1",
    ownerUserId: ids.manager,
    dueDate: "2026-06-30",
    activities: "Weekly 1:1 on unresolved cases; knowledge-base test by May.",
    ...overrides,
  };
}

async function expectDomainError(promise: Promise<unknown>, code: string, reason?: string) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).code).toBe(code);
  if (reason) expect((error as DomainError).params.reason).toBe(reason);
}

describe("coaching suggestions", () => {
  it("suggests one entry per weak metric with data, with the catalogue's interventions for it", async () => {
    const { quarter, suggestions } = await suggestCoaching(system, { quarter: "2026-Q1" });
    expect(quarter).toBe("2026-Q1");
    // A001: FCR 80 % → 0 points → 0/100 is weak; FRT 30 s → 10/10 is not; QA and CSAT have no data (never weak).
    expect(suggestions.map((s) => [s.agentCode, s.metric, s.dimension, s.normalized])).toEqual([["A001", "first_contact_resolution", "efficiency", 0]]);
    expect(suggestions[0]!.interventions.map((i) => i.name)).toEqual(["1:1 mentoring on case handling", "Knowledge-base test"]);
  });

  it("gives a manager only their teams and refuses agents", async () => {
    await scoreQuarter(system, "2026-Q1");
    await db.updateTable("quarters").set({ state: "published" }).where("id", "=", "2026-Q1").execute();
    expect((await suggestCoaching(manager(), { quarter: "2026-Q1" })).suggestions).toHaveLength(1);
    await expectDomainError(suggestCoaching(manager(), { quarter: "2026-Q1", teamId: ids.south }), "not_found");
    await expectDomainError(suggestCoaching(agent1(), { quarter: "2026-Q1" }), "forbidden");
  });

  it("follows the catalogue HR edits: a retired intervention is no longer suggested", async () => {
    const mentoring = (await listInterventions(db)).find((i) => i.name === "1:1 mentoring on case handling")!;
    await saveCoachingIntervention(as(ids.hr, "hr@x.test", "hr"), { ...mentoring, active: false, metricKeys: mentoring.metricKeys as never });
    const { suggestions } = await suggestCoaching(system, { quarter: "2026-Q1" });
    expect(suggestions[0]!.interventions.map((i) => i.name)).toEqual(["Knowledge-base test"]);
    await expectDomainError(saveCoachingIntervention(manager(), { name: "X", kind: "course", active: true, metricKeys: ["csat"] }), "forbidden");
    await expectDomainError(
      saveCoachingIntervention(as(ids.hr, "hr@x.test", "hr"), { name: "Empathy workshop", kind: "course", active: true, metricKeys: ["csat"] }),
      "invalid_input",
      "duplicateName",
    );
  });
});

describe("coaching plans", () => {
  it("lets the team's manager assign, with validation, and nobody else", async () => {
    const { planId } = await assignCoachingPlan(manager(), await planInput());
    const plan = await findCoachingPlan(db, planId);
    expect(plan).toMatchObject({ status: "assigned", before_value: 80, before_normalized: 0, target_value: 90, dimension_key: "efficiency" });
    expect((await listAudit(db, { entity: "coaching_plan" }))[0]!.action).toBe("coaching.plan.assign");

    await expectDomainError(assignCoachingPlan(manager(), await planInput({ agentCode: "A002" })), "not_found");
    await expectDomainError(assignCoachingPlan(agent1(), await planInput()), "forbidden");
    await expectDomainError(assignCoachingPlan(as(ids.hr, "hr@x.test", "hr"), await planInput()), "forbidden");
    await expectDomainError(assignCoachingPlan(manager(), await planInput({ metric: "first_contact_resolution" })), "invalid_input", "duplicatePlan");
    await expectDomainError(assignCoachingPlan(manager(), await planInput({ metric: "qa_score", target: 80, targetQuarter: "2026-Q1" })), "invalid_input", "targetNotLater");
    await expectDomainError(assignCoachingPlan(manager(), await planInput({ metric: "first_response_time", target: 40 })), "invalid_input", "targetNotBetter");
    await expectDomainError(assignCoachingPlan(manager(), await planInput({ metric: "csat", target: 4.5, ownerUserId: ids.agent2 })), "invalid_input", "unknownMentor");
    await expectDomainError(assignCoachingPlan(manager(), await planInput({ metric: "csat", target: 4.5, dueDate: "2026-02-30" })), "invalid_input");
    await expectDomainError(assignCoachingPlan(manager(), await planInput({ metric: "csat", target: 4.5, dueDate: "2026-04-01" })), "invalid_input", "dueInPast");
  });

  it("finds an agent's plans relevant to a quarter: prompted by it, assigned during it or targeting it (the appraisal report)", async () => {
    const { planId: prompted } = await assignCoachingPlan(manager(), await planInput()); // Q1 → Q2, assigned 2026-04-10 (Q2)
    const { planId: later } = await assignCoachingPlan(manager(), await planInput({ metric: "csat", target: 4.5, sourceQuarter: undefined, targetQuarter: "2026-Q4", dueDate: "2026-12-15" }));
    const relevant = async (quarterId: string, firstDay: string, lastDay: string) =>
      (await listCoachingPlans(db, { agentId: ids.a1, relevantTo: { quarterId, firstDay, lastDay } })).map((p) => Number(p.id)).sort();
    expect(await relevant("2026-Q1", "2026-01-01", "2026-03-31")).toEqual([prompted]);
    expect(await relevant("2026-Q2", "2026-04-01", "2026-06-30")).toEqual([prompted, later].sort());
    expect(await relevant("2026-Q3", "2026-07-01", "2026-09-30")).toEqual([]);
    expect(await relevant("2026-Q4", "2026-10-01", "2026-12-31")).toEqual([later]);
    expect(await listCoachingPlans(db, { agentId: ids.a2, relevantTo: { quarterId: "2026-Q2", firstDay: "2026-04-01", lastDay: "2026-06-30" } })).toEqual([]);
  });

  it("moves assigned → acknowledged (agent) → in progress → completed (manager) and refuses invalid transitions", async () => {
    const { planId } = await assignCoachingPlan(manager(), await planInput());
    await expectDomainError(transitionCoachingPlan(manager(), { planId, action: "acknowledge" }), "forbidden");
    await expectDomainError(transitionCoachingPlan(agent2(), { planId, action: "acknowledge" }), "not_found");
    await expectDomainError(transitionCoachingPlan(manager(), { planId, action: "complete" }), "invalid_transition");
    expect(await transitionCoachingPlan(agent1(), { planId, action: "acknowledge" })).toMatchObject({ from: "assigned", to: "acknowledged" });
    expect((await findCoachingPlan(db, planId))!.acknowledged_at).toBe(AT);
    await expectDomainError(transitionCoachingPlan(agent1(), { planId, action: "start" }), "forbidden");
    await transitionCoachingPlan(manager(), { planId, action: "start" });
    await transitionCoachingPlan(manager(), { planId, action: "complete" });
    expect((await findCoachingPlan(db, planId))!.status).toBe("completed");
    await expectDomainError(transitionCoachingPlan(manager(), { planId, action: "cancel" }), "invalid_transition");
  });

  it("refuses to complete a cancelled plan", async () => {
    const { planId } = await assignCoachingPlan(manager(), await planInput());
    await transitionCoachingPlan(manager(), { planId, action: "cancel" });
    await expectDomainError(transitionCoachingPlan(manager(), { planId, action: "complete" }), "invalid_transition");
    await expectDomainError(transitionCoachingPlan(agent1(), { planId, action: "acknowledge" }), "invalid_transition");
    expect((await findCoachingPlan(db, planId))!.status).toBe("cancelled");
  });

  it("keeps progress notes from the manager and the agent, not from other agents", async () => {
    const { planId } = await assignCoachingPlan(manager(), await planInput());
    await addCoachingNote(manager(), { planId, body: "First session done." });
    await addCoachingNote(agent1(), { planId, body: "  Passed the KB test.  " });
    await expectDomainError(addCoachingNote(agent2(), { planId, body: "hello" }), "not_found");
    await expectDomainError(addCoachingNote(agent1(), { planId, body: "   " }), "invalid_input", "noteLength");
    expect((await listCoachingPlanNotes(db, planId)).map((n) => [n.author_label, n.body])).toEqual([
      ["manager@x.test", "First session done."],
      ["a001@x.test", "Passed the KB test."],
    ]);
  });
});

describe("effectiveness", () => {
  it("evaluates plans automatically when the target quarter is calculated: 80 % → 86 %, target 90 % = improved", async () => {
    const { planId } = await assignCoachingPlan(manager(), await planInput());
    const cancelled = await assignCoachingPlan(manager(), await planInput({ metric: "qa_score", target: 80, interventionId: (await listInterventions(db)).find((i) => i.name === "SOP refresher on failed QA items")!.id }));
    await transitionCoachingPlan(manager(), { planId: cancelled.planId, action: "cancel" });
    await phoneDay(ids.a1, "2026-04-06", 50, 43);
    await phoneDay(ids.a1, "2026-05-04", 50, 43);

    // Mid-quarter progress from the daily data, quarter to date: 86/100 = 86 %, not yet ≥ 90.
    const progress = await planProgress(db, { agentId: ids.a1, metric: "first_contact_resolution", target: 90, targetQuarter: "2026-Q2" }, "2026-05-10");
    expect(progress).toMatchObject({ firstDay: "2026-04-01", lastDay: "2026-05-10", dataThrough: "2026-05-04", onTrack: false });
    expect(progress!.current.value).toBeCloseTo(86, 9);
    expect(progress!.checkpoints.map((c) => [c.through, c.value])).toEqual([
      ["2026-04-30", 86],
      ["2026-05-10", 86],
    ]);

    await scoreQuarter(system, "2026-Q2");
    expect(await findCoachingPlan(db, planId)).toMatchObject({ before_value: 80, after_value: 86, after_normalized: 60, outcome: "improved" });
    expect((await findCoachingPlan(db, cancelled.planId))!.outcome).toBeNull(); // cancelled plans are not measured
    const audit = await listAudit(db, { entity: "quarter", entityId: "2026-Q2" });
    expect(audit.find((a) => a.action === "coaching.plans.evaluate")!.after).toBe(
      JSON.stringify({ plans: 1, target_met: 0, improved: 1, not_improved: 0, no_data: 0 }),
    );

    // A corrected export for the quarter: 91 % → re-calculation re-evaluates to target met.
    await phoneDay(ids.a1, "2026-06-01", 100, 96);
    const { plans } = await evaluateCoachingPlans(system, "2026-Q2");
    expect(plans).toEqual([{ planId, agentCode: "A001", metric: "first_contact_resolution", target: 90, before: 80, after: 86, outcome: "improved" }]);
    await scoreQuarter(system, "2026-Q2");
    expect(await findCoachingPlan(db, planId)).toMatchObject({ after_value: (43 + 43 + 96) / 2, outcome: "target_met" });

    expect(await effectivenessByIntervention(db)).toEqual([
      { id: await mentoringId(), name: "1:1 mentoring on case handling", detail: "mentoring", evaluated: 1, targetMet: 1, improved: 0, notImproved: 0, noData: 0 },
    ]);
    expect((await effectivenessByMentor(db)).map((r) => [r.name, r.evaluated])).toEqual([["manager", 1]]);
  });

  it("refuses to evaluate a quarter that was never calculated, and non-HR users", async () => {
    await expectDomainError(evaluateCoachingPlans(system, "2026-Q3"), "invalid_input", "notCalculated");
    await expectDomainError(evaluateCoachingPlans(system, "2026-Q5"), "invalid_input");
    await expectDomainError(evaluateCoachingPlans(manager(), "2026-Q1"), "forbidden");
  });
});
