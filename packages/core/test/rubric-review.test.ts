import { openTestDatabase } from "@starboard/db/testing";
import {
  type Db,
  findQuarter,
  findRubricForQuarter,
  insertRubricVersion,
  listAudit,
  listQuarterMetricResults,
  listQuarterResults,
} from "@starboard/db";
import { CONTACT_CENTRE_10_POINT, type Rubric } from "@starboard/kpi";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  approveRubricReview,
  attachReviewWhatIf,
  type Context,
  createContext,
  createRubricDraft,
  decideRubricReview,
  DomainError,
  getActiveRubric,
  getReviewReminder,
  listRubrics,
  openRubricReview,
  RubricInvalidError,
  runWhatIf,
  scoreQuarter,
  systemActor,
  updateRubricDraft,
} from "../src/index.ts";
import { seedReviewFixture } from "./helpers/rubricFixture.ts";

const NOW = new Date("2026-08-10T09:00:00.000Z"); // 2026-Q3, half 2026-H2
let db: Db;
let ctx: Context;

/** CSAT down from 40 % to 20 %, FCR up from 25 % to 45 %. */
function fcrHeavy(): Rubric {
  const r = structuredClone(CONTACT_CENTRE_10_POINT) as Rubric;
  r.name = "FCR heavy";
  r.dimensions[1]!.metrics[0]!.weightBp = 4500;
  r.dimensions[3]!.metrics[0]!.weightBp = 2000;
  return r;
}

beforeEach(async () => {
  db = await openTestDatabase();
  ctx = createContext(db, systemActor("test:hr"), () => NOW);
  await seedReviewFixture(db, NOW.toISOString());
  await scoreQuarter(ctx, "2026-Q1");
  await scoreQuarter(ctx, "2026-Q2");
});
afterEach(async () => {
  await db.destroy();
});

describe("what-if", () => {
  it("equals a real recalculation under the draft, computed independently in another database", async () => {
    const report = await runWhatIf(ctx, fcrHeavy());
    expect(report.quarters.map((q) => q.quarter)).toEqual(["2026-Q1", "2026-Q2"]);

    // Independent: the same data in a fresh database where the draft is simply the rubric in effect.
    const other = await openTestDatabase();
    try {
      const otherCtx = createContext(other, systemActor("test:independent"), () => NOW);
      await seedReviewFixture(other, NOW.toISOString());
      await insertRubricVersion(other, {
        name: "FCR heavy", version: 1, definition: JSON.stringify(fcrHeavy()), status: "approved", effective_from: "2000-Q1",
        created_at: NOW.toISOString(), created_by: "test", approved_at: NOW.toISOString(), approved_by: "test",
      });
      for (const q of report.quarters) {
        const real = await scoreQuarter(otherCtx, q.quarter);
        const expected = real.agents.map((a) => ({ agentCode: a.agentCode, composite: a.finalComposite, grade: a.grade, status: a.status }));
        expect(q.agents.map((a) => ({ agentCode: a.agentCode, ...a.after }))).toEqual(expected);
      }
    } finally {
      await other.destroy();
    }
  });

  it("reports the stored results as 'before' and moves grades by hand-computed amounts", async () => {
    const report = await runWhatIf(ctx, fcrHeavy(), ["2026-Q1"]);
    const stored = await listQuarterResults(db, "2026-Q1");
    const q1 = report.quarters[0]!;
    expect(q1.agents.map((a) => a.before)).toEqual(stored.map((r) => ({ composite: r.final_composite, grade: r.grade, status: r.status })));
    const byCode = Object.fromEntries(q1.agents.map((a) => [a.agentCode, a]));
    // A001: FRT 28 s → 10 pts (100), FCR 85 % → 6 (60), QA 96 → 96, CSAT 4.888… → 10 (100)
    //   default 0.15·100 + 0.25·60 + 0.20·96 + 0.40·100 = 89.2 (B); draft 15 + 27 + 19.2 + 20 = 81.2 (B)
    expect(byCode.A001!.before.composite).toBeCloseTo(89.2, 9);
    expect(byCode.A001!.after.composite).toBeCloseTo(81.2, 9);
    // B002: FRT 29 s → 100, FCR 99 % → 100, QA 92 → 92, CSAT (25+40+30)/25 = 3.8 → 6 (60)
    //   default 15 + 25 + 18.4 + 24 = 82.4 (B); draft 15 + 45 + 18.4 + 12 = 90.4 (A)
    expect(byCode.B002!.before).toMatchObject({ grade: "B" });
    expect(byCode.B002!.after.composite).toBeCloseTo(90.4, 9);
    expect(byCode.B002!.after.grade).toBe("A");
    expect(report.summary.quarters[0]!.gradesAfter.A).toBe(1);
    // Grade bonus (base 1000; A 1.5, B 1, C 0.5): B002 B→A adds 500 in Q1.
    expect(report.summary.quarters[0]!.incentiveAfter - report.summary.quarters[0]!.incentiveBefore).toBe(500);
  });

  it("writes nothing: stored results, quarters and the audit log are unchanged", async () => {
    const before = [await listQuarterResults(db, "2026-Q1"), await listQuarterMetricResults(db, "2026-Q1"), await findQuarter(db, "2026-Q1"), await listAudit(db)];
    await runWhatIf(ctx, fcrHeavy());
    const after = [await listQuarterResults(db, "2026-Q1"), await listQuarterMetricResults(db, "2026-Q1"), await findQuarter(db, "2026-Q1"), await listAudit(db)];
    expect(after).toEqual(before);
  });

  it("refuses an invalid draft with every problem and an uncalculated quarter", async () => {
    const bad = fcrHeavy();
    bad.dimensions[3]!.metrics[0]!.weightBp = 1000;
    bad.dimensions[1]!.metrics[0]!.rule = { type: "bands", bands: [{ lower: 95, upper: null, points: 10 }, { lower: null, upper: 90, points: 0 }] };
    const error = await runWhatIf(ctx, bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RubricInvalidError);
    expect((error as RubricInvalidError).issues.map((i) => `${i.path}: ${i.message}`)).toEqual([
      "dimensions[1].metrics[0].rule.bands[1]: gap between 95 and 90 — bands must be contiguous",
      "dimensions: weights total 90%, they must total 100%",
    ]);
    await expect(runWhatIf(ctx, fcrHeavy(), ["2026-Q3"])).rejects.toMatchObject({ code: "not_found", params: { reason: "not_calculated" } });
  });
});

describe("drafts", () => {
  it("creates drafts from the active rubric or a preset and saves only valid definitions", async () => {
    const fromActive = await createRubricDraft(ctx, { from: "active" });
    expect(fromActive).toMatchObject({ version: 2, status: "draft", name: "Contact centre 10-point" });
    const fromPreset = await createRubricDraft(ctx, { from: "preset", preset: "ecommerce_fcr_focus" });
    expect(fromPreset).toMatchObject({ version: 3, name: "E-commerce: FCR focus" });
    await updateRubricDraft(ctx, fromActive.id, fcrHeavy());
    const bad = fcrHeavy();
    bad.scale = 5;
    await expect(updateRubricDraft(ctx, fromActive.id, bad)).rejects.toBeInstanceOf(RubricInvalidError);
    const listed = await listRubrics(ctx);
    expect(listed.versions.map((v) => [v.version, v.name, v.status, v.active])).toEqual([
      [3, "E-commerce: FCR focus", "draft", false],
      [2, "FCR heavy", "draft", false],
      [1, "Contact centre 10-point", "approved", true],
    ]);
    expect(await listAudit(db, { entity: "rubric_version" })).toHaveLength(3);
  });

  it("is HR's: a manager or agent is refused", async () => {
    for (const role of ["manager", "agent"] as const) {
      const other = createContext(db, { userId: 9, label: `${role}@x`, role }, () => NOW);
      await expect(createRubricDraft(other, { from: "active" })).rejects.toMatchObject({ code: "forbidden" });
      await expect(runWhatIf(other, fcrHeavy())).rejects.toMatchObject({ code: "forbidden" });
    }
    const hr = createContext(db, { userId: 1, label: "hr@x", role: "hr" }, () => NOW);
    await expect(getActiveRubric(hr)).resolves.toMatchObject({ quarter: "2026-Q3" });
  });
});

describe("review workflow and activation", () => {
  it("opens, attaches the what-if, decides, approves: effective next quarter, past quarters untouched", async () => {
    const storedBefore = {
      q1: await listQuarterResults(db, "2026-Q1"),
      q2: await listQuarterResults(db, "2026-Q2"),
      m2: await listQuarterMetricResults(db, "2026-Q2"),
      quarter: await findQuarter(db, "2026-Q2"),
    };
    expect(await getReviewReminder(ctx)).toEqual({ half: "2026-H2", state: "due", dueBy: "2026-Q3" });

    await openRubricReview(ctx, "2026-H2");
    await expect(openRubricReview(ctx, "2026-H2")).rejects.toMatchObject({ code: "invalid_transition" });
    const draft = await createRubricDraft(ctx, { from: "active" });
    await updateRubricDraft(ctx, draft.id, fcrHeavy());
    await expect(decideRubricReview(ctx, "2026-H2", { decision: "adopt", rationale: "FCR matters" })).rejects.toMatchObject({ params: { reason: "whatif_required" } });
    const attached = await attachReviewWhatIf(ctx, "2026-H2", draft.id);
    expect(attached.report.quarters.map((q) => q.quarter)).toEqual(["2026-Q1", "2026-Q2"]);
    await expect(decideRubricReview(ctx, "2026-H2", { decision: "adopt", rationale: "   " })).rejects.toMatchObject({ params: { reason: "rationale_required" } });
    await decideRubricReview(ctx, "2026-H2", { decision: "adopt", rationale: "Repeat contacts cost more than a lower CSAT." });
    await expect(approveRubricReview(ctx, "2026-H2", { effectiveFrom: "2026-Q3" })).rejects.toMatchObject({ params: { reason: "effective_too_early" } });

    const approved = await approveRubricReview(ctx, "2026-H2");
    expect(approved).toMatchObject({ status: "completed", effective_from: "2026-Q4" });
    expect((await findRubricForQuarter(db, "2026-Q3"))?.version).toBe(1);
    expect((await findRubricForQuarter(db, "2026-Q4"))?.version).toBe(2);
    expect(await getReviewReminder(ctx)).toMatchObject({ state: "done" });

    // Activation changed no stored result; recalculating an open past quarter still uses its own version.
    expect(await listQuarterResults(db, "2026-Q1")).toEqual(storedBefore.q1);
    expect(await listQuarterResults(db, "2026-Q2")).toEqual(storedBefore.q2);
    expect(await listQuarterMetricResults(db, "2026-Q2")).toEqual(storedBefore.m2);
    expect(await findQuarter(db, "2026-Q2")).toEqual(storedBefore.quarter);
    const rescored = await scoreQuarter(ctx, "2026-Q2");
    expect(rescored.rubric.version).toBe(1);
    expect(rescored.agents.map((a) => a.finalComposite)).toEqual(storedBefore.q2.map((r) => r.final_composite));

    // The approved version is frozen; a completed review cannot be approved again.
    await expect(updateRubricDraft(ctx, draft.id, fcrHeavy())).rejects.toMatchObject({ code: "invalid_transition" });
    await expect(approveRubricReview(ctx, "2026-H2")).rejects.toMatchObject({ params: { reason: "review_completed" } });
    const actions = (await listAudit(db)).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["rubric.review.open", "rubric.review.whatif", "rubric.review.decide", "rubric.approve", "rubric.review.approve"]));
  });

  it("refuses to approve a draft edited after its what-if", async () => {
    await openRubricReview(ctx, "2026-H2");
    const draft = await createRubricDraft(ctx, { from: "active" });
    await attachReviewWhatIf(ctx, "2026-H2", draft.id);
    await decideRubricReview(ctx, "2026-H2", { decision: "adopt", rationale: "try it" });
    await updateRubricDraft(ctx, draft.id, fcrHeavy());
    const error = await approveRubricReview(ctx, "2026-H2").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).params.reason).toBe("whatif_stale");
    expect((await findRubricForQuarter(db, "2026-Q4"))?.version).toBe(1);
  });

  it("completes a 'keep' decision without approving anything; the reminder turns overdue after the first quarter", async () => {
    const late = createContext(db, systemActor("test:hr"), () => new Date("2026-11-23T09:00:00.000Z"));
    expect(await getReviewReminder(late)).toMatchObject({ state: "overdue" });
    await openRubricReview(late, "2026-H2");
    await decideRubricReview(late, "2026-H2", { decision: "keep", rationale: "Weights still fit." });
    expect(await approveRubricReview(late, "2026-H2")).toMatchObject({ status: "completed", effective_from: null });
    expect(await getReviewReminder(late)).toMatchObject({ state: "done" });
    await expect(openRubricReview(late, "2026-H3")).rejects.toMatchObject({ code: "invalid_input" });
  });
});
