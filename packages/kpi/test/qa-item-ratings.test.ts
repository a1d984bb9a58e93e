import { describe, expect, it } from "vitest";
import {
  addItemRatings,
  CALL_QUALITY_FORM,
  COMPLIANCE_FORM,
  emptyAgentFacts,
  FIVE_DIMENSION_531,
  type QaAnswers,
  type QaFormDefinition,
  qaFormDefinitionSchema,
  qaItemRating,
  qaItemRatings,
  scoreAgent,
  scoreQaEvaluation,
} from "../src/index.ts";
import { allGood, scoreOrThrow } from "./helpers/qaAnswers.ts";

const scored = scoreOrThrow;

describe("an item's 5/3/1 rating", () => {
  it("full marks → 5, between → 3, failed → 1", () => {
    expect(qaItemRating({ itemKey: "x", points: 15, maxPoints: 15, failed: false, fatal: true })).toBe(5);
    expect(qaItemRating({ itemKey: "x", points: 12, maxPoints: 15, failed: false, fatal: true })).toBe(3);
    expect(qaItemRating({ itemKey: "x", points: 0.5, maxPoints: 15, failed: false, fatal: false })).toBe(3);
    expect(qaItemRating({ itemKey: "x", points: 0, maxPoints: 15, failed: true, fatal: true })).toBe(1);
  });

  it("a failing option rates 1 even when it still carries points", () => {
    expect(qaItemRating({ itemKey: "x", points: 5, maxPoints: 10, failed: true, fatal: false })).toBe(1);
  });
});

describe("an evaluation's item ratings", () => {
  it("all good on the call-quality form: each of the five tagged items rates 5; untagged items feed nothing", () => {
    expect(qaItemRatings(CALL_QUALITY_FORM, scored(CALL_QUALITY_FORM, allGood()))).toEqual({
      tone_patience: { ratings: 1, ratingSum: 5 },
      sop_compliance: { ratings: 1, ratingSum: 5 },
      knowledge_accuracy: { ratings: 1, ratingSum: 5 },
      record_completeness: { ratings: 1, ratingSum: 5 },
      empathy: { ratings: 1, ratingSum: 5 },
    });
  });

  it("average solution → knowledge 3; failed opening → tone 1; an untagged average item changes nothing", () => {
    const s = scored(CALL_QUALITY_FORM, { ...allGood(), solution: { option: "average" }, opening: { option: "poor" }, pace_and_courtesy: { option: "average" } });
    const r = qaItemRatings(CALL_QUALITY_FORM, s);
    expect(r.knowledge_accuracy).toEqual({ ratings: 1, ratingSum: 3 });
    expect(r.tone_patience).toEqual({ ratings: 1, ratingSum: 1 });
    expect(r.empathy).toEqual({ ratings: 1, ratingSum: 5 });
  });

  it("a fatal evaluation (score 0) still rates each item by how it was done: the failed key item 1, the others 5", () => {
    const s = scored(CALL_QUALITY_FORM, { ...allGood(), ticket: { option: "poor" } }, 5);
    expect(s.fatal).toBe(true);
    const r = qaItemRatings(CALL_QUALITY_FORM, s);
    expect(r.record_completeness).toEqual({ ratings: 1, ratingSum: 1 });
    expect(r.knowledge_accuracy).toEqual({ ratings: 1, ratingSum: 5 });
  });

  it("deductions: none → 5; below the fail threshold → 3; at it → 1", () => {
    const form = qaFormDefinitionSchema.parse({
      name: "SOP",
      sections: [
        {
          key: "s",
          title: "S",
          items: [
            { key: "steps", title: "Steps", maxPoints: 6, fatal: false, scoring: { type: "deduction", pointsPerOccurrence: 2, floorPoints: 0, failAtOccurrences: 2 }, metricKey: "sop_compliance" },
            { key: "notes", title: "Notes", maxPoints: 4, fatal: false, scoring: { type: "deduction", pointsPerOccurrence: 1, floorPoints: 0, failAtOccurrences: 1 }, metricKey: "sop_compliance" },
          ],
        },
      ],
    });
    const ratingOf = (steps: number, notes: number) => qaItemRatings(form, scored(form, { steps: { occurrences: steps }, notes: { occurrences: notes } })).sop_compliance;
    // Two items feed one metric: each counts as a rating.
    expect(ratingOf(0, 0)).toEqual({ ratings: 2, ratingSum: 10 });
    expect(ratingOf(1, 0)).toEqual({ ratings: 2, ratingSum: 3 + 5 });
    expect(ratingOf(2, 1)).toEqual({ ratings: 2, ratingSum: 1 + 1 });
    expect(ratingOf(5, 0)).toEqual({ ratings: 2, ratingSum: 1 + 5 }); // floored at 0 points, still one rating
  });

  it("bonus points do not lift an item's rating", () => {
    const s = scored(CALL_QUALITY_FORM, { ...allGood(), solution: { option: "average" } }, 5);
    expect(s.totalPoints).toBe(100);
    expect(qaItemRatings(CALL_QUALITY_FORM, s).knowledge_accuracy).toEqual({ ratings: 1, ratingSum: 3 });
  });

  it("the compliance preset's SOP item: one missed step fails it (threshold 1) → 1", () => {
    const s = scored(COMPLIANCE_FORM, { sop_steps: { occurrences: 1 }, standard_phrases: { occurrences: 0 } });
    expect(qaItemRatings(COMPLIANCE_FORM, s)).toEqual({ sop_compliance: { ratings: 1, ratingSum: 1 } });
  });
});

describe("item ratings into the 5/3/1 rubric", () => {
  it("three evaluations 5, 3, 5 give knowledge accuracy 13/3 ≈ 4.33 points (the mean rating), with its sample of 3", () => {
    const totals = {};
    for (const solution of ["good", "average", "good"]) {
      addItemRatings(totals, qaItemRatings(CALL_QUALITY_FORM, scored(CALL_QUALITY_FORM, { ...allGood(), solution: { option: solution } })));
    }
    const facts = { ...emptyAgentFacts(), itemRatings: totals };
    const result = scoreAgent(FIVE_DIMENSION_531, facts);
    const metric = result.metrics.find((m) => m.key === "knowledge_accuracy");
    expect(metric).toMatchObject({ raw: 13 / 3, sample: 3 });
    expect(metric?.points).toBeCloseTo(13 / 3, 12);
  });

  it("two ratings are below the minimum sample of 3: the metric is missing, not scored", () => {
    const totals = {};
    for (let i = 0; i < 2; i++) addItemRatings(totals, qaItemRatings(CALL_QUALITY_FORM, scored(CALL_QUALITY_FORM, allGood())));
    const result = scoreAgent(FIVE_DIMENSION_531, { ...emptyAgentFacts(), itemRatings: totals });
    const metric = result.metrics.find((m) => m.key === "empathy");
    expect(metric).toMatchObject({ sample: 2, points: null, missing: "below_min_sample" });
  });
});
