import { describe, expect, it } from "vitest";
import {
  ADJUSTMENT_LIMIT_POINTS,
  type AgentScore,
  type MetricResult,
  WEAK_ITEM_THRESHOLD_NORMALIZED,
  checkAdjustment,
  finalComposite,
  gradeFor,
  rankCompetition,
  weakMetrics,
} from "../src/index.ts";

describe("competition ranking", () => {
  const agents = [
    { code: "A01", composite: 85 as number | null },
    { code: "A02", composite: 91.5 },
    { code: "A03", composite: null }, // insufficient
    { code: "A04", composite: 91.5 },
    { code: "A05", composite: 70 },
  ];

  it("ties share a rank and the next rank skips (1, 1, 3); nulls are unranked and last", () => {
    expect(rankCompetition(agents, (a) => a.composite).map((r) => [r.item.code, r.rank])).toEqual([
      ["A02", 1],
      ["A04", 1],
      ["A01", 3],
      ["A05", 4],
      ["A03", null],
    ]);
  });

  it("composites differing only by float noise tie", () => {
    const noisy = [{ c: 0.1 + 0.2 + 80 }, { c: 80.3 }, { c: 80.2 }];
    expect(rankCompetition(noisy, (x) => x.c).map((r) => r.rank)).toEqual([1, 1, 3]);
  });

  it("everyone unranked, or nobody at all", () => {
    expect(rankCompetition([{ c: null }], (x) => x.c)).toEqual([{ item: { c: null }, rank: null }]);
    expect(rankCompetition([], () => 1)).toEqual([]);
  });

  it("refuses NaN instead of ranking it somewhere", () => {
    expect(() => rankCompetition([{ c: Number.NaN }], (x) => x.c)).toThrow(RangeError);
  });
});

describe("weak items (under 70/100 with data)", () => {
  const metric = (key: MetricResult["key"], normalized: number | null, missing: MetricResult["missing"] = null): MetricResult => ({
    key,
    dimensionKey: "d",
    rawSums: {},
    raw: null,
    sample: 0,
    minSample: 0,
    missing,
    ruleHit: null,
    points: null,
    normalized,
    weightBp: 2500,
    effectiveWeightPct: 0,
    contribution: null,
  });
  const score: AgentScore = {
    status: "incomplete",
    composite: 75,
    grade: "C",
    missingWeightBp: 2500,
    metrics: [
      metric("qa_score", 68.75), // weak
      metric("csat", 70), // exactly 70 is not weak
      metric("first_contact_resolution", 69.99999999999999), // float noise for 70: not weak
      metric("first_response_time", null, "below_min_sample"), // no score: not weak
      metric("complaint_rate", 0), // weak
    ],
  };

  it("the threshold is 70", () => expect(WEAK_ITEM_THRESHOLD_NORMALIZED).toBe(70));
  it("lists metrics with a score under 70, in rubric order", () => {
    expect(weakMetrics(score).map((m) => m.key)).toEqual(["qa_score", "complaint_rate"]);
  });
});

describe("HR adjustment (± 5 points)", () => {
  it("final = computed + adjustment; the grade follows the final", () => {
    expect(ADJUSTMENT_LIMIT_POINTS).toBe(5);
    expect(finalComposite(87.5, 3)).toBe(90.5);
    expect(gradeFor(finalComposite(87.5, 3))).toBe("A");
    expect(finalComposite(80.15, -5)).toBeCloseTo(75.15, 9);
  });

  it("is clamped to [0, 100]", () => {
    expect(finalComposite(98, 5)).toBe(100);
    expect(finalComposite(2, -5)).toBe(0);
  });

  it("an insufficient agent (null) stays null", () => {
    expect(finalComposite(null, 2)).toBeNull();
  });

  it("accepts exactly ±5 and float noise around it; refuses 5.01 and NaN", () => {
    expect(checkAdjustment(5)).toEqual({ ok: true });
    expect(checkAdjustment(-5)).toEqual({ ok: true });
    expect(checkAdjustment(-(0.1 + 4.9 + 1e-15))).toEqual({ ok: true });
    expect(checkAdjustment(5.01)).toEqual({
      ok: false,
      code: "adjustment_out_of_range",
      message: "an adjustment of 5.01 points is outside the allowed ±5",
    });
    expect(checkAdjustment(Number.NaN)).toMatchObject({ ok: false, code: "adjustment_not_a_number" });
    expect(() => finalComposite(80, -6)).toThrow("an adjustment of -6 points is outside the allowed ±5");
  });
});
