import { openTestDatabase } from "@starboard/db/testing";
import { type Db, findAgentByCode, listAudit, sumQaByAgent } from "@starboard/db";
import { FIVE_DIMENSION_531, scoreAgent } from "@starboard/kpi";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { insertDemoUsers } from "../src/demo/users.ts";
import {
  type Context,
  createContext,
  fileQaDispute,
  generateQaSample,
  getQaSample,
  getQaEvaluationView,
  importCsv,
  installQaPresets,
  loadAgentFacts,
  listMyQaEvaluations,
  listQaFormVersions,
  QaAnswerMismatchError,
  qaLockBlockers,
  qaReport,
  resolveQaCalibration,
  resolveQaDispute,
  qaDualReviewPct,
  saveQaForm,
  setQaDualReviewPct,
  startQaEvaluation,
  submitQaReview,
  systemActor,
} from "../src/index.ts";

let db: Db;
let now: Date;
const users: Record<string, number> = {};

const csv = (...lines: string[]) => ({ buffer: Buffer.from(`${lines.join("\n")}\n`) });

beforeEach(async () => {
  db = await openTestDatabase();
  now = new Date("2026-10-05T09:00:00Z");
  const system = createContext(db, systemActor("cli:test"), () => now);
  await importCsv(system, {
    kind: "agents",
    fileName: "agents.csv",
    source: csv("agent_code,name,team,email,hire_date", "A1,Ann Lee,North,,2025-01-01", "A2,Bo Chen,North,,2025-01-01", "B1,Cai Wu,South,,2025-01-01"),
  });
  await insertDemoUsers(
    db,
    [
      { email: "hr@x.test", name: "HR", role: "hr" },
      { email: "lead1@x.test", name: "Lead One", role: "manager", teams: ["North"] },
      { email: "lead2@x.test", name: "Lead Two", role: "manager", teams: ["North"] },
      { email: "lead3@x.test", name: "Lead Three", role: "manager", teams: ["South"] },
      { email: "a1@x.test", name: "Ann Lee", role: "agent", agentCode: "A1" },
      { email: "b1@x.test", name: "Cai Wu", role: "agent", agentCode: "B1" },
    ],
    "x",
    now.toISOString(),
  );
  for (const u of await db.selectFrom("users").select(["id", "email"]).execute()) users[u.email.split("@")[0]!] = u.id;
  await installQaPresets(system);
});
afterEach(async () => {
  await db.destroy();
});

const as = (who: string, role: "hr" | "manager" | "agent"): Context =>
  createContext(db, { userId: users[who]!, label: `${who}@x.test`, role }, () => now);
const lead1 = () => as("lead1", "manager");
const lead2 = () => as("lead2", "manager");
const lead3 = () => as("lead3", "manager");
const agentA1 = () => as("a1", "agent");

async function formId(key: string): Promise<number> {
  return (await listQaFormVersions(lead1(), { currentOnly: true })).find((f) => f.formKey === key)!.id;
}
const good = { option: "good" };
const allGood = () => ({
  opening: good,
  confirm_need: good,
  confirm_information: good,
  solution: good,
  closing: good,
  ticket: good,
  listening: good,
  pace_and_courtesy: good,
});
const qaRows = () => db.selectFrom("qa_evaluations").selectAll().orderBy("evaluation_id").execute();
const errorOf = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as { code: string; message: string });

describe("forms", () => {
  it("ships the two presets; editing a form in use creates a new version and old evaluations keep theirs", async () => {
    const forms = await listQaFormVersions(lead1());
    expect(forms.map((f) => [f.formKey, f.version, f.maxPoints])).toEqual([
      ["call_quality", 1, 100],
      ["compliance", 1, 10],
    ]);
    const compliance = forms.find((f) => f.formKey === "compliance")!;
    // Not used yet: edited in place.
    const renamed = { ...compliance.definition, name: "Compliance v1b" };
    expect(await saveQaForm(lead1(), { formKey: "compliance", definition: renamed })).toMatchObject({ version: 1, outcome: "updated" });
    const started = await startQaEvaluation(lead1(), { agentCode: "A1", formId: compliance.id, dual: "no" });
    const edited = { ...renamed, name: "Compliance v2" };
    expect(await saveQaForm(lead1(), { formKey: "compliance", definition: edited })).toMatchObject({ version: 2, outcome: "new_version" });
    const view = await getQaEvaluationView(lead1(), started.scoringId);
    expect(view.evaluation).toMatchObject({ formName: "Compliance v1b", formVersion: 1 });
  });
  it("refuses an invalid form and a non-lead", async () => {
    expect(await errorOf(saveQaForm(lead1(), { formKey: "bad", definition: { name: "x", sections: [] } }))).toMatchObject({ code: "invalid_input" });
    expect(await errorOf(saveQaForm(agentA1(), { formKey: "x", definition: {} }))).toMatchObject({ code: "forbidden" });
  });
});

describe("dual-review share setting", () => {
  it("HR sets the share (0–100), audited; out-of-range values and leads are refused", async () => {
    expect(await qaDualReviewPct(db)).toBe(10);
    expect(await setQaDualReviewPct(as("hr", "hr"), 25)).toEqual({ before: 10, after: 25 });
    expect(await qaDualReviewPct(db)).toBe(25);
    const [entry] = await listAudit(db, { entity: "settings", entityId: "qa.dual_review_pct" });
    expect(entry).toMatchObject({ action: "settings.update", actor_label: "hr@x.test", before: '{"pct":10}', after: '{"pct":25}' });
    expect(await errorOf(setQaDualReviewPct(as("hr", "hr"), 101))).toMatchObject({ code: "invalid_input" });
    expect(await errorOf(setQaDualReviewPct(as("hr", "hr"), Number.NaN))).toMatchObject({ code: "invalid_input" });
    expect(await errorOf(setQaDualReviewPct(lead1(), 50))).toMatchObject({ code: "forbidden" });
    expect(await qaDualReviewPct(db)).toBe(25);
  });
});

describe("single review", () => {
  it("a failed key item zeroes the evaluation; the final row feeds the quarterly qa_score", async () => {
    const { scoringId, dual } = await startQaEvaluation(lead1(), { agentCode: "A1", formId: await formId("call_quality"), contactId: "C-9", dual: "no" });
    expect(dual).toBe(false);
    const result = await submitQaReview(lead1(), { scoringId, answers: { items: { ...allGood(), solution: { option: "poor", note: "wrong refund rule" } }, bonusPoints: 0 } });
    expect(result).toEqual({ scoringId, totalPoints: 0, scorePct: 0, fatal: true, passed: false, status: "final" });
    expect(await qaRows()).toEqual([
      { evaluation_id: `SB-${scoringId}`, date: "2026-10-05", agent_id: expect.any(Number), form: "call_quality@v1", score_pct: 0, fatal: 1, reviewer_code: "lead1@x.test", contact_id: "C-9", import_id: null },
    ]);
    const [sums] = await sumQaByAgent(db, "2026-10-01", "2026-12-31");
    expect(sums).toMatchObject({ evaluations: 1, scorePctSum: 0, fatalEvaluations: 1 });
    expect((await listAudit(db, { entity: "qa_scoring" })).map((a) => a.action)).toEqual(["qa_review_submit", "qa_evaluation_start"]);
  });

  it("answers that don't match the form version change nothing", async () => {
    const { scoringId } = await startQaEvaluation(lead1(), { agentCode: "A1", formId: await formId("call_quality"), dual: "no" });
    const error = await errorOf(submitQaReview(lead1(), { scoringId, answers: { items: { ...allGood(), solution: { option: "excellent" } }, bonusPoints: 0 } }));
    expect(error).toBeInstanceOf(QaAnswerMismatchError);
    expect(error).toMatchObject({ code: "qa_answer_mismatch", problems: [{ itemKey: "solution", code: "unknown_option" }] });
    const tooMuch = await errorOf(submitQaReview(lead1(), { scoringId, answers: { items: { sop_steps: { occurrences: 1 } }, bonusPoints: 0 } }));
    expect(tooMuch).toMatchObject({ code: "qa_answer_mismatch" });
    expect(await qaRows()).toEqual([]);
    expect((await getQaEvaluationView(lead1(), scoringId)).evaluation.status).toBe("in_review");
    // The same reviewer can still submit a correct review.
    expect((await submitQaReview(lead1(), { scoringId, answers: { items: allGood(), bonusPoints: 0 } })).status).toBe("final");
  });

  it("a lead of another team cannot see or evaluate the agent; an agent sees only their own final evaluations", async () => {
    expect(await errorOf(startQaEvaluation(lead3(), { agentCode: "A1", formId: await formId("call_quality") }))).toMatchObject({ code: "not_found" });
    const { scoringId } = await startQaEvaluation(lead1(), { agentCode: "A1", formId: await formId("call_quality"), dual: "no" });
    expect(await errorOf(getQaEvaluationView(lead3(), scoringId))).toMatchObject({ code: "not_found" });
    expect(await errorOf(getQaEvaluationView(agentA1(), scoringId))).toMatchObject({ code: "not_found" });
    await submitQaReview(lead1(), { scoringId, answers: { items: allGood(), bonusPoints: 0 } });
    expect((await getQaEvaluationView(agentA1(), scoringId)).evaluation.scorePct).toBe(100);
    expect(await errorOf(getQaEvaluationView(as("b1", "agent"), scoringId))).toMatchObject({ code: "not_found" });
    expect((await listMyQaEvaluations(agentA1())).map((e) => e.id)).toEqual([scoringId]);
  });
});

describe("dual review and calibration", () => {
  it("totals more than 20 points apart on a 100-point form: flagged, nothing counts, the quarter can't lock until a consensus", async () => {
    const { scoringId, dual, reviewerUserIds } = await startQaEvaluation(lead1(), {
      agentCode: "A2",
      formId: await formId("call_quality"),
      dual: "yes",
      blind: true,
    });
    expect(dual).toBe(true);
    expect(reviewerUserIds).toEqual([users.lead1, users.lead2]);
    // Blind: the second reviewer sees the employee ID only, and not the first review.
    const first = await submitQaReview(lead1(), { scoringId, answers: { items: allGood(), bonusPoints: 0 } });
    expect(first.status).toBe("waiting_for_second_review");
    const blindView = await getQaEvaluationView(lead2(), scoringId);
    expect(blindView.evaluation).toMatchObject({ agentCode: "A2", agentName: null });
    expect(blindView.reviews).toEqual([]);
    // 100 vs 75 (three non-key failures): 25 > 20 → calibration.
    const second = await submitQaReview(lead2(), {
      scoringId,
      answers: { items: { ...allGood(), opening: { option: "poor" }, closing: { option: "poor" }, pace_and_courtesy: { option: "poor" } }, bonusPoints: 0 },
    });
    expect(second).toMatchObject({ totalPoints: 75, status: "calibration" });
    expect(await qaRows()).toEqual([]);
    expect(await qaLockBlockers(db, "2026-Q4")).toEqual([
      { kind: "calibration", evaluationId: `SB-${scoringId}`, agentCode: "A2", detail: expect.stringContaining("calibration") },
    ]);
    expect(await qaLockBlockers(db, "2026-Q3")).toEqual([]);

    const view = await getQaEvaluationView(lead1(), scoringId);
    expect(view.viewer.canCalibrate).toBe(true);
    expect(view.deviations.find((d) => d.itemKey === "opening")).toMatchObject({ reviewerPoints: [10, 0], reviewerDelta: 10, consensusPoints: null });

    const agreed = await resolveQaCalibration(lead1(), { scoringId, answers: { items: { ...allGood(), opening: { option: "poor" } }, bonusPoints: 0 } });
    expect(agreed).toMatchObject({ totalPoints: 90, scorePct: 90, passed: true });
    expect((await qaRows()).map((r) => [r.evaluation_id, r.score_pct, r.fatal])).toEqual([[`SB-${scoringId}`, 90, 0]]);
    const after = await getQaEvaluationView(lead1(), scoringId);
    expect(after.deviations.find((d) => d.itemKey === "opening")).toMatchObject({ consensusPoints: 0, vsConsensus: [10, 0] });
    expect(await qaLockBlockers(db, "2026-Q4")).toEqual([]);
  });

  it("totals within 20%: final with the mean of the two", async () => {
    const { scoringId } = await startQaEvaluation(lead1(), { agentCode: "A2", formId: await formId("call_quality"), dual: "yes", secondReviewerUserId: users.hr });
    await submitQaReview(lead1(), { scoringId, answers: { items: allGood(), bonusPoints: 0 } });
    const r = await submitQaReview(as("hr", "hr"), { scoringId, answers: { items: { ...allGood(), solution: { option: "average" } }, bonusPoints: 0 } });
    expect(r.status).toBe("final");
    expect((await qaRows())[0]).toMatchObject({ score_pct: 98.5, fatal: 0, reviewer_code: "lead1@x.test+hr@x.test" });
  });

  it("refuses a second reviewer who may not evaluate the agent", async () => {
    const error = await errorOf(startQaEvaluation(lead1(), { agentCode: "A2", formId: await formId("call_quality"), dual: "yes", secondReviewerUserId: users.lead3 }));
    expect(error).toMatchObject({ code: "invalid_input" });
    expect(await db.selectFrom("qa_scorings").selectAll().execute()).toEqual([]);
  });
});

describe("disputes", () => {
  async function finalEvaluation() {
    const { scoringId } = await startQaEvaluation(lead1(), { agentCode: "A1", formId: await formId("call_quality"), dual: "no" });
    await submitQaReview(lead1(), { scoringId, answers: { items: { ...allGood(), ticket: { option: "poor" } }, bonusPoints: 0 } });
    return scoringId;
  }

  it("the agent disputes within 7 days, the lead accepts and re-scores; before and after are kept", async () => {
    const scoringId = await finalEvaluation();
    now = new Date("2026-10-12T08:59:00Z"); // 6 days 23 h 59 min later
    expect(await errorOf(fileQaDispute(agentA1(), { scoringId, reason: "  " }))).toMatchObject({ code: "invalid_input" });
    const { disputeId } = await fileQaDispute(agentA1(), { scoringId, reason: "The ticket was recorded, see #123" });
    expect(await errorOf(fileQaDispute(agentA1(), { scoringId, reason: "again" }))).toMatchObject({ code: "qa_invalid_state" });
    expect((await qaLockBlockers(db, "2026-Q4")).map((b) => b.kind)).toEqual(["dispute"]);
    expect(await errorOf(resolveQaDispute(lead3(), { disputeId, decision: "reject", reason: "no" }))).toMatchObject({ code: "not_found" });

    const resolved = await resolveQaDispute(lead1(), { disputeId, decision: "accept", reason: "Ticket found in the system", answers: { items: allGood(), bonusPoints: 0 } });
    expect(resolved).toEqual({ disputeId, status: "accepted" });
    expect((await qaRows())[0]).toMatchObject({ score_pct: 100, fatal: 0 });
    const view = await getQaEvaluationView(agentA1(), scoringId);
    expect(view.disputes[0]).toMatchObject({
      status: "accepted",
      resolution_reason: "Ticket found in the system",
      resolved_by: "lead1@x.test",
      before: JSON.stringify({ points: 0, pct: 0, fatal: true, passed: false }),
      after: JSON.stringify({ points: 100, pct: 100, fatal: false, passed: true }),
    });
    expect(await qaLockBlockers(db, "2026-Q4")).toEqual([]);
    expect((await listAudit(db, { entity: "qa_dispute" })).map((a) => a.action)).toEqual(["qa_dispute_resolve", "qa_dispute_file"]);
  });

  it("a dispute after the window is refused and changes nothing; another agent's evaluation is not found", async () => {
    const scoringId = await finalEvaluation();
    now = new Date("2026-10-12T09:00:01Z");
    expect(await errorOf(fileQaDispute(agentA1(), { scoringId, reason: "late" }))).toMatchObject({ code: "qa_dispute_window_closed" });
    expect(await errorOf(fileQaDispute(as("b1", "agent"), { scoringId, reason: "not mine" }))).toMatchObject({ code: "not_found" });
    expect(await db.selectFrom("qa_disputes").selectAll().execute()).toEqual([]);
  });

  it("a rejected dispute keeps the score", async () => {
    const scoringId = await finalEvaluation();
    const { disputeId } = await fileQaDispute(agentA1(), { scoringId, reason: "unfair" });
    await resolveQaDispute(lead1(), { disputeId, decision: "reject", reason: "Ticket missing the address" });
    expect((await qaRows())[0]).toMatchObject({ score_pct: 0, fatal: 1 });
    expect((await listMyQaEvaluations(agentA1()))[0]).toMatchObject({ disputeStatus: "rejected" });
  });

  it("refuses to change a score once its quarter is locked", async () => {
    const { scoringId } = await startQaEvaluation(lead1(), { agentCode: "A1", formId: await formId("call_quality"), dual: "no" });
    await db.insertInto("quarters").values({ id: "2026-Q4", state: "locked", rubric_version_id: null, calculated_at: null, updated_at: now.toISOString() }).execute();
    expect(await errorOf(submitQaReview(lead1(), { scoringId, answers: { items: allGood(), bonusPoints: 0 } }))).toMatchObject({ code: "quarter_locked" });
    expect(await qaRows()).toEqual([]);
  });
});

describe("item ratings (the 5/3/1 item-rated metrics)", () => {
  const review = async (who: () => Context, agentCode: string, items: Record<string, { option: string } | { occurrences: number }>, form = "call_quality") => {
    const { scoringId } = await startQaEvaluation(who(), { agentCode, formId: await formId(form), dual: "no" });
    await submitQaReview(who(), { scoringId, answers: { items, bonusPoints: 0 } });
    return scoringId;
  };
  const itemRatingsOf = async (agentCode: string) => {
    const agent = await findAgentByCode(db, agentCode);
    return (await loadAgentFacts(db, "2026-10-01", "2026-12-31")).get(agent!.id)?.itemRatings;
  };

  it("final evaluations rate each tagged item 5/3/1 and the quarter's facts sum them per agent; untagged items and other agents don't mix in", async () => {
    await review(lead1, "A1", allGood());
    const mixed = await review(lead1, "A1", { ...allGood(), solution: { option: "average" }, opening: { option: "poor" } });
    await review(lead1, "A1", { ...allGood(), ticket: { option: "poor" } }); // fatal: scores 0, items still rated
    await review(lead1, "A1", { sop_steps: { occurrences: 2 }, standard_phrases: { occurrences: 3 } }, "compliance");
    await review(lead3, "B1", { ...allGood(), solution: { option: "poor" } });
    expect(await itemRatingsOf("A1")).toEqual({
      knowledge_accuracy: { ratings: 3, ratingSum: 5 + 3 + 5 },
      tone_patience: { ratings: 3, ratingSum: 5 + 1 + 5 },
      sop_compliance: { ratings: 4, ratingSum: 5 + 5 + 5 + 1 },
      record_completeness: { ratings: 3, ratingSum: 5 + 5 + 1 },
      empathy: { ratings: 3, ratingSum: 15 },
    });
    expect((await itemRatingsOf("B1"))?.knowledge_accuracy).toEqual({ ratings: 1, ratingSum: 1 });
    // The agent sees the same ratings on the evaluation itself.
    expect((await getQaEvaluationView(agentA1(), mixed)).finalItemRatings).toEqual({ opening: 1, confirm_information: 5, solution: 3, ticket: 5, listening: 5 });

    // Under the five-dimension rubric the ratings are the metric's points (mean of 5, 3, 5).
    const agent = await findAgentByCode(db, "A1");
    const facts = (await loadAgentFacts(db, "2026-10-01", "2026-12-31")).get(agent!.id)!;
    const knowledge = scoreAgent(FIVE_DIMENSION_531, facts).metrics.find((m) => m.key === "knowledge_accuracy");
    expect(knowledge).toMatchObject({ raw: 13 / 3, sample: 3, missing: null });
  });

  it("only final answers count: an evaluation awaiting calibration adds nothing, an accepted dispute replaces the ratings, another quarter is apart", async () => {
    const { scoringId: pending } = await startQaEvaluation(lead1(), { agentCode: "A2", formId: await formId("call_quality"), dual: "yes" });
    await submitQaReview(lead1(), { scoringId: pending, answers: { items: allGood(), bonusPoints: 0 } });
    await submitQaReview(lead2(), { scoringId: pending, answers: { items: { ...allGood(), opening: { option: "poor" }, solution: { option: "poor" } }, bonusPoints: 0 } });
    expect(await itemRatingsOf("A2")).toBeUndefined();

    const disputed = await review(lead1, "A1", { ...allGood(), solution: { option: "poor" } });
    expect((await itemRatingsOf("A1"))?.knowledge_accuracy).toEqual({ ratings: 1, ratingSum: 1 });
    const { disputeId } = await fileQaDispute(agentA1(), { scoringId: disputed, reason: "The answer was right" });
    await resolveQaDispute(lead1(), { disputeId, decision: "accept", reason: "Checked the policy", answers: { items: { ...allGood(), solution: { option: "average" } }, bonusPoints: 0 } });
    expect((await itemRatingsOf("A1"))?.knowledge_accuracy).toEqual({ ratings: 1, ratingSum: 3 });

    const agent = await findAgentByCode(db, "A1");
    expect((await loadAgentFacts(db, "2026-07-01", "2026-09-30")).get(agent!.id)).toBeUndefined();
  });
});

describe("contacts and the sampling plan", () => {
  const header = "contact_id,started_at,agent_code,channel,duration_sec,sla_missed,complaint";
  function contactLines() {
    const lines = [header];
    // September: 700 contacts for A1 → October quota ceil(7) = 7.
    for (let i = 0; i < 700; i++) lines.push(`S${i},2026-09-${String(1 + (i % 28)).padStart(2, "0")}T08:${String(i % 60).padStart(2, "0")}:00Z,A1,chat,100,false,false`);
    for (let i = 0; i < 30; i++) lines.push(`O${i},2026-10-${String(1 + i).padStart(2, "0")}T09:00:00+08:00,A1,phone,120,false,false`);
    lines.push("LONG,2026-10-15T10:00:00Z,A1,phone,250,true,false", "SHORT,2026-10-16T10:00:00Z,A1,phone,12,false,true");
    for (let i = 0; i < 3; i++) lines.push(`B${i},2026-10-0${i + 1}T09:00:00Z,B1,email,600,false,false`);
    return lines;
  }

  it("imports contacts all or nothing and idempotently", async () => {
    const system = createContext(db, systemActor("cli:test"), () => now);
    const first = await importCsv(system, { kind: "contacts", fileName: "contacts.csv", source: csv(...contactLines()) });
    expect(first).toMatchObject({ rowsTotal: 735, added: 735 });
    expect(await importCsv(system, { kind: "contacts", fileName: "contacts.csv", source: csv(...contactLines()) })).toMatchObject({ unchanged: 735 });
    const stored = await db.selectFrom("qa_contacts").selectAll().where("contact_id", "=", "O0").executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ started_at: "2026-10-01T01:00:00.000Z", channel: "phone", duration_sec: 120, sla_missed: 0 });
    const bad = await errorOf(
      importCsv(system, { kind: "contacts", fileName: "bad.csv", source: csv(header, "X1,2026-10-32T09:00,A1,phone,5,false,false", "X2,2026-10-01T09:00,ZZ,fax,-1,maybe,false") }),
    );
    expect(bad).toMatchObject({ code: "import_rejected" });
    expect((bad as unknown as { problems: { line: number; column: string; code: string }[] }).problems.map((p) => `${p.line}:${p.column}:${p.code}`)).toEqual([
      "2:started_at:not_date_time",
      "3:agent_code:unknown_agent",
      "3:channel:unknown_channel",
      "3:duration_sec:negative",
      "3:sla_missed:not_boolean",
    ]);
    expect(await db.selectFrom("qa_contacts").select((eb) => eb.fn.countAll().as("n")).executeTakeFirst()).toEqual({ n: 735 });
  });

  it("generates, stores and shows again the month's plan; HR regenerates with the next seed", async () => {
    const system = createContext(db, systemActor("cli:test"), () => now);
    await importCsv(system, { kind: "contacts", fileName: "contacts.csv", source: csv(...contactLines()) });
    expect(await errorOf(generateQaSample(lead1(), { month: "2026-10" }))).toMatchObject({ code: "forbidden" });
    const plan = await generateQaSample(as("hr", "hr"), { month: "2026-10" });
    expect(plan.generated).toBe(true);
    const a1 = plan.agents.find((a) => a.agentCode === "A1")!;
    expect(a1.quota).toBe(7);
    expect(a1.targeted).toEqual([
      { contactId: "LONG", reason: "long_call_sla_missed" },
      { contactId: "SHORT", reason: "short_call" },
    ]);
    // B1 had no contacts in September: the floor of 5, but only 3 contacts this month.
    expect(plan.agents.find((a) => a.agentCode === "B1")).toMatchObject({ quota: 3, targeted: [] });
    // Reviewer queue: North's two leads share A1's 9 picks (5/4); South's lead gets B1's.
    const load = (id: number) => plan.picks.filter((p) => p.reviewerUserId === id).length;
    expect([load(users.lead1!), load(users.lead2!), load(users.lead3!)]).toEqual([5, 4, 3]);

    const again = await generateQaSample(as("hr", "hr"), { month: "2026-10" });
    expect(again.generated).toBe(false);
    expect(again.agents).toEqual(plan.agents);
    const regenerated = await generateQaSample(as("hr", "hr"), { month: "2026-10", regenerate: true });
    expect(regenerated.seed).toBe(plan.seed + 1);
    expect(regenerated.agents.find((a) => a.agentCode === "A1")!.random).not.toEqual(a1.random);
  });

  it("shows a manager only their own teams' picks; HR sees the whole plan", async () => {
    const system = createContext(db, systemActor("cli:test"), () => now);
    await importCsv(system, { kind: "contacts", fileName: "contacts.csv", source: csv(...contactLines()) });
    const full = await generateQaSample(as("hr", "hr"), { month: "2026-10" });
    expect(full.picks.some((p) => p.agentCode === "B1") && full.picks.some((p) => p.agentCode.startsWith("A"))).toBe(true);
    expect((await getQaSample(as("hr", "hr"), "2026-10"))!.picks).toHaveLength(full.picks.length);

    const north = (await getQaSample(lead1(), "2026-10"))!;
    expect(north.picks.length).toBeGreaterThan(0);
    expect(north.picks.every((p) => p.agentCode.startsWith("A"))).toBe(true);
    expect(north.agents.map((a) => a.agentCode)).not.toContain("B1");
    expect(north.picks).toHaveLength(full.picks.filter((p) => p.agentCode.startsWith("A")).length);

    const south = (await getQaSample(lead3(), "2026-10"))!;
    expect(south.picks.map((p) => p.agentCode)).toEqual(full.picks.filter((p) => p.agentCode === "B1").map((p) => p.agentCode));
    expect(south.picks.length).toBeGreaterThan(0);
    expect(await errorOf(getQaSample(as("a1", "agent"), "2026-10"))).toMatchObject({ code: "forbidden" });
  });
});

describe("reports", () => {
  it("QA score per agent and team, item Pareto, fatal and pass rates, reviewer workload", async () => {
    const f = await formId("call_quality");
    const one = await startQaEvaluation(lead1(), { agentCode: "A1", formId: f, dual: "no" });
    await submitQaReview(lead1(), { scoringId: one.scoringId, answers: { items: { ...allGood(), ticket: { option: "poor" } }, bonusPoints: 0 } });
    const two = await startQaEvaluation(lead1(), { agentCode: "A1", formId: f, dual: "no" });
    await submitQaReview(lead1(), { scoringId: two.scoringId, answers: { items: { ...allGood(), ticket: { option: "poor" }, opening: { option: "poor" } }, bonusPoints: 0 } });
    const three = await startQaEvaluation(lead1(), { agentCode: "A2", formId: f, dual: "no" });
    await submitQaReview(lead1(), { scoringId: three.scoringId, answers: { items: { ...allGood(), solution: { option: "average" } }, bonusPoints: 0 } });
    await startQaEvaluation(lead2(), { agentCode: "A2", formId: f, dual: "no" });

    const report = await qaReport(lead1(), { fromMonth: "2026-10", toMonth: "2026-10" });
    expect(report.byAgent.map((r) => [r.key, r.evaluations, r.meanScorePct, r.fatalEvaluations])).toEqual([
      ["A1", 2, 0, 2],
      ["A2", 1, 97, 0],
    ]);
    expect(report.byTeam.map((r) => [r.label, r.evaluations, r.meanScorePct])).toEqual([["North", 3, 32.33]]);
    expect(report.pareto.map((p) => [p.itemKey, p.failures, p.cumulativePct])).toEqual([
      ["ticket", 2, 66.67],
      ["opening", 1, 100],
    ]);
    expect(report).toMatchObject({ evaluations: 3, fatalRatePct: 66.67, passRatePct: 33.33, internalFinal: 3 });
    expect(report.workload).toEqual([
      { reviewer: "lead1@x.test", submitted: 3, pending: 0 },
      { reviewer: "lead2@x.test", submitted: 0, pending: 1 },
    ]);
    // Lead Three (South) sees none of North's evaluations.
    expect((await qaReport(lead3(), { fromMonth: "2026-10", toMonth: "2026-10" })).byAgent).toEqual([]);
  });
});
