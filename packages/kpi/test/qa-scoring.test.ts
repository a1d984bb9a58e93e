import { describe, expect, it } from "vitest";
import {
  CALL_QUALITY_FORM,
  COMPLIANCE_FORM,
  type QaAnswers,
  qaFormDefinitionSchema,
  qaFormMaxPoints,
  scoreQaEvaluation,
} from "../src/index.ts";
import { allGood, scoreOrThrow } from "./helpers/qaAnswers.ts";

const score = scoreOrThrow;

describe("QA form presets", () => {
  it("the call-quality form is worth 10+15+15+15+10+15+15+5 = 100 points", () => {
    expect(qaFormMaxPoints(CALL_QUALITY_FORM)).toBe(100);
  });
  it("the compliance form is worth 10 points", () => {
    expect(qaFormMaxPoints(COMPLIANCE_FORM)).toBe(10);
  });
});

describe("QA form scoring", () => {
  it("all good: 100 points, 100%, passed", () => {
    expect(score()).toMatchObject({ totalPoints: 100, scorePct: 100, passed: true, fatal: false, keyFailures: 0, nonKeyFailures: 0 });
  });

  it("graded options: solution average (12) and pace average (3): 100 − 3 − 2 = 95", () => {
    const s = score(CALL_QUALITY_FORM, { ...allGood(), solution: { option: "average" }, pace_and_courtesy: { option: "average" } });
    expect(s).toMatchObject({ itemPoints: 95, totalPoints: 95, scorePct: 95, passed: true });
  });

  it("a failed key item zeroes the evaluation and fails it", () => {
    const s = score(CALL_QUALITY_FORM, { ...allGood(), confirm_information: { option: "poor" } }, 5);
    expect(s).toMatchObject({ itemPoints: 85, totalPoints: 0, scorePct: 0, fatal: true, keyFailures: 1, passed: false });
  });

  it("two non-key failures pass (80 points), three fail (75 points)", () => {
    const two = score(CALL_QUALITY_FORM, { ...allGood(), opening: { option: "poor" }, closing: { option: "poor" } });
    expect(two).toMatchObject({ totalPoints: 80, nonKeyFailures: 2, passed: true });
    const three = score(CALL_QUALITY_FORM, {
      ...allGood(),
      opening: { option: "poor" },
      closing: { option: "poor" },
      pace_and_courtesy: { option: "poor" },
    });
    expect(three).toMatchObject({ totalPoints: 75, scorePct: 75, nonKeyFailures: 3, passed: false, fatal: false });
  });

  it("bonus adds up to the form maximum and no further", () => {
    const s = score(CALL_QUALITY_FORM, { ...allGood(), solution: { option: "average" } }, 2);
    expect(s).toMatchObject({ itemPoints: 97, bonusPoints: 2, totalPoints: 99 });
    expect(score(CALL_QUALITY_FORM, { ...allGood(), solution: { option: "average" } }, 5).totalPoints).toBe(100);
  });

  it("deductions: 2 missed SOP steps (6 − 4 = 2) and 1 non-standard phrase (4 − 1 = 3) → 5/10 = 50%", () => {
    const s = score(COMPLIANCE_FORM, { sop_steps: { occurrences: 2 }, standard_phrases: { occurrences: 1 } });
    expect(s).toMatchObject({ totalPoints: 5, maxPoints: 10, scorePct: 50, nonKeyFailures: 2, passed: true });
  });

  it("deductions stop at the floor: 5 missed steps on a 6-point item give 0, not −4", () => {
    const s = score(COMPLIANCE_FORM, { sop_steps: { occurrences: 5 }, standard_phrases: { occurrences: 0 } });
    expect(s.items[0]).toMatchObject({ points: 0, failed: true });
    expect(s).toMatchObject({ totalPoints: 4, scorePct: 40 });
  });

  it("percentage to 2 decimals: 2/3 of a 3-point form = 66.67%", () => {
    const form = qaFormDefinitionSchema.parse({
      name: "Tiny",
      sections: [{ key: "s", title: "S", items: [{ key: "a", title: "A", maxPoints: 3, fatal: false, scoring: { type: "deduction", pointsPerOccurrence: 1, floorPoints: 0 } }] }],
    });
    expect(score(form, { a: { occurrences: 1 } }).scorePct).toBe(66.67);
  });
});

describe("answers that do not match the form version", () => {
  it("a missing item, an unknown item, an unknown option, bad occurrences and too much bonus are all reported", () => {
    const items = { ...allGood(), ghost: { option: "good" }, solution: { option: "excellent" }, ticket: { occurrences: 1 } } as QaAnswers["items"];
    delete (items as Record<string, unknown>).opening;
    const r = scoreQaEvaluation(CALL_QUALITY_FORM, { items, bonusPoints: 6 });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toEqual([
      { itemKey: "ghost", code: "unknown_item" },
      { itemKey: "opening", code: "missing_answer" },
      { itemKey: "solution", code: "unknown_option" },
      { itemKey: "ticket", code: "unknown_option" },
      { itemKey: "", code: "bad_bonus" },
    ]);
  });
  it("negative or fractional occurrences are refused", () => {
    for (const occurrences of [-1, 1.5]) {
      const r = scoreQaEvaluation(COMPLIANCE_FORM, { items: { sop_steps: { occurrences }, standard_phrases: { occurrences: 0 } }, bonusPoints: 0 });
      expect(r).toEqual({ ok: false, problems: [{ itemKey: "sop_steps", code: "bad_occurrences" }] });
    }
  });
  it("the form schema refuses an option worth more than the item and duplicate item keys", () => {
    const bad = qaFormDefinitionSchema.safeParse({
      name: "Bad",
      sections: [
        {
          key: "s",
          title: "S",
          items: [
            { key: "a", title: "A", maxPoints: 5, fatal: false, scoring: { type: "graded", options: [{ key: "good", label: "G", points: 6, failed: false }, { key: "poor", label: "P", points: 0, failed: true }] } },
            { key: "a", title: "A2", maxPoints: 5, fatal: false, scoring: { type: "deduction", pointsPerOccurrence: 1, floorPoints: 0 } },
          ],
        },
      ],
    });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.message)).toEqual(
      expect.arrayContaining(['item key "a" is used twice', "an option is worth more than the item's maximum"]),
    );
  });
});
