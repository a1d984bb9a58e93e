import { describe, expect, it } from "vitest";
import {
  averageRanks,
  CONTACT_CENTRE_10_POINT,
  diffRubrics,
  halfOfDate,
  parseWeightOverrides,
  previousHalf,
  quartersOfHalf,
  reviewReminder,
  reweightRubric,
  spearmanCorrelation,
  summariseWhatIf,
  validateRubric,
  type WhatIfQuarter,
} from "../src/index.ts";

describe("rank correlation (Spearman)", () => {
  it("ranks ties by their average position", () => {
    expect(averageRanks([90, 80, 80, 70])).toEqual([1, 2.5, 2.5, 4]);
  });

  it("is 0.8 when one pair of neighbours swaps among four (1 − 6·2 / (4·15))", () => {
    expect(spearmanCorrelation([[10, 1], [20, 3], [30, 2], [40, 4]])).toBeCloseTo(0.8, 12);
  });

  it("handles ties exactly: 3/√10 for ranks (4,3,2,1) vs (4,2.5,2.5,1)", () => {
    expect(spearmanCorrelation([[1, 1], [2, 2], [3, 2], [4, 3]])).toBeCloseTo(3 / Math.sqrt(10), 12);
  });

  it("is 1 for the same order, −1 reversed, null when undefined", () => {
    expect(spearmanCorrelation([[1, 10], [2, 20], [3, 35]])).toBe(1);
    expect(spearmanCorrelation([[1, 30], [2, 20], [3, 10]])).toBe(-1);
    expect(spearmanCorrelation([[1, 5]])).toBeNull();
    expect(spearmanCorrelation([[1, 5], [2, 5]])).toBeNull();
  });
});

describe("--weights re-weighting", () => {
  it("parses metric=percent lists into basis points", () => {
    const parsed = parseWeightOverrides("csat=35, first_contact_resolution=30,qa_score=12.5");
    expect(parsed.ok && [...parsed.weights]).toEqual([["csat", 3500], ["first_contact_resolution", 3000], ["qa_score", 1250]]);
  });

  it("lists every problem of a bad list", () => {
    const parsed = parseWeightOverrides("csat,nps=10,qa_score=1.234,csat=5,csat=6");
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.issues.map((i) => i.code)).toEqual(["weights_syntax", "weights_unknown_metric", "weights_bad_percent", "weights_duplicate"]);
    expect(parsed.issues[1]!.message).toContain('"nps" is not a metric');
  });

  it("re-weights the named metrics, keeps the others, and the result must still total 100%", () => {
    const ok = parseWeightOverrides("first_contact_resolution=35,csat=30");
    if (!ok.ok) throw new Error("should parse");
    const { rubric, issues } = reweightRubric(CONTACT_CENTRE_10_POINT, ok.weights);
    expect(issues).toEqual([]);
    const weights = rubric.dimensions.flatMap((d) => d.metrics.map((m) => [m.key, m.weightBp]));
    expect(weights).toEqual([["first_response_time", 1500], ["first_contact_resolution", 3500], ["qa_score", 2000], ["csat", 3000]]);
    expect(validateRubric(rubric).ok).toBe(true);
    // the preset itself is untouched
    expect(CONTACT_CENTRE_10_POINT.dimensions[1]!.metrics[0]!.weightBp).toBe(2500);

    const bad = parseWeightOverrides("csat=50");
    if (!bad.ok) throw new Error("should parse");
    const v = validateRubric(reweightRubric(CONTACT_CENTRE_10_POINT, bad.weights).rubric);
    expect(v.ok === false && v.issues.map((i) => i.message)).toEqual(["weights total 110%, they must total 100%"]);
  });

  it("refuses to re-weight a metric the rubric does not score", () => {
    const parsed = parseWeightOverrides("empathy=10");
    if (!parsed.ok) throw new Error("should parse");
    expect(reweightRubric(CONTACT_CENTRE_10_POINT, parsed.weights).issues.map((i) => i.code)).toEqual(["weights_metric_not_in_rubric"]);
  });
});

describe("halves and the review reminder", () => {
  it("names halves and their quarters", () => {
    expect(halfOfDate("2026-06-30")).toBe("2026-H1");
    expect(halfOfDate("2026-07-01")).toBe("2026-H2");
    expect(previousHalf("2026-H1")).toBe("2025-H2");
    expect(quartersOfHalf("2026-H2")).toEqual(["2026-Q3", "2026-Q4"]);
  });

  it("is due during the half's first quarter, overdue after it, done once completed", () => {
    expect(reviewReminder("2026-08-15", new Set())).toEqual({ half: "2026-H2", state: "due", dueBy: "2026-Q3" });
    expect(reviewReminder("2026-09-30", new Set())).toMatchObject({ state: "due" });
    expect(reviewReminder("2026-10-01", new Set())).toMatchObject({ state: "overdue" });
    expect(reviewReminder("2026-11-23", new Set(["2026-H1"]))).toMatchObject({ half: "2026-H2", state: "overdue" });
    expect(reviewReminder("2026-11-23", new Set(["2026-H2"]))).toMatchObject({ state: "done" });
  });
});

describe("what-if summary", () => {
  const standing = (composite: number | null, grade: "A" | "B" | "C" | "D" | "E" | null, status: "complete" | "incomplete" | "insufficient" = "complete") => ({ composite, grade, status });
  const agent = (code: string, before: ReturnType<typeof standing>, after: ReturnType<typeof standing>, fatal = 0) => ({
    agentCode: code, agentName: `Agent ${code}`, teamName: "North", before, after, fatalQaEvaluations: fatal,
  });
  const quarters: WhatIfQuarter[] = [
    {
      quarter: "2026-Q1",
      agents: [
        agent("X", standing(92, "A"), standing(91, "A")),
        agent("Y", standing(85, "B"), standing(93, "A")),
        agent("Z", standing(null, null, "insufficient"), standing(null, null, "insufficient")),
      ],
    },
    {
      quarter: "2026-Q2",
      agents: [
        agent("X", standing(93, "A"), standing(88, "B")),
        agent("Y", standing(94, "A"), standing(95, "A")),
        agent("Z", standing(70, "C"), standing(70, "C")),
      ],
    },
  ];
  const summary = summariseWhatIf(quarters, { baseAmount: 1000, multipliers: { A: 1.5, B: 1, C: 0.5, D: 0, E: 0 } });

  it("counts grades before and after, and changed grades", () => {
    expect(summary.quarters[0]!.gradesBefore).toEqual({ A: 1, B: 1, C: 0, D: 0, E: 0, insufficient: 1 });
    expect(summary.quarters[0]!.gradesAfter).toEqual({ A: 2, B: 0, C: 0, D: 0, E: 0, insufficient: 1 });
    expect(summary.quarters[0]!.gradeChanged).toBe(1);
    expect(summary.quarters[1]!.gradeChanged).toBe(1);
  });

  it("costs the grade bonus before and after: Q1 1500+1000 → 1500+1500, Q2 1500+1500+500 → 1000+1500+500", () => {
    expect(summary.quarters[0]).toMatchObject({ incentiveBefore: 2500, incentiveAfter: 3000 });
    expect(summary.quarters[1]).toMatchObject({ incentiveBefore: 3500, incentiveAfter: 3000 });
    expect(summary.incentiveChange).toBe(0);
  });

  it("finds Service Star nominations gained (Y: A, A) and lost (X: A, B)", () => {
    expect(summary.nominationsGained).toEqual([{ quarter: "2026-Q2", agentCode: "Y", agentName: "Agent Y" }]);
    expect(summary.nominationsLost).toEqual([{ quarter: "2026-Q2", agentCode: "X", agentName: "Agent X" }]);
  });

  it("orders the biggest movers by the size of the change and leaves out the unchanged", () => {
    expect(summary.biggestMovers.map((m) => [m.quarter, m.agentCode, m.change])).toEqual([
      ["2026-Q1", "Y", 8],
      ["2026-Q2", "X", -5],
      ["2026-Q1", "X", -1],
      ["2026-Q2", "Y", 1],
    ]);
  });

  it("correlates ranks over agents with a composite on both sides", () => {
    // Q2: before 93, 94, 70 → ranks 2,1,3; after 88, 95, 70 → ranks 2,1,3: same order.
    expect(summary.quarters[1]!.rankCorrelation).toBe(1);
    // Q1: X 92→91, Y 85→93: X first before, Y first after → reversed.
    expect(summary.quarters[0]!.rankCorrelation).toBe(-1);
  });
});

describe("rubric diff", () => {
  it("lists weight, sample, rule, added and removed metrics", () => {
    const b = structuredClone(CONTACT_CENTRE_10_POINT) as typeof CONTACT_CENTRE_10_POINT;
    b.dimensions[1]!.metrics[0]!.weightBp = 3000;
    b.dimensions[1]!.metrics[0]!.minSample = 40;
    b.dimensions[2]!.metrics[0]!.rule = { type: "linear", factor: 0.2 };
    b.dimensions[3]!.metrics = [{ key: "repeat_contact_rate", weightBp: 3500, minSample: 30, rule: { type: "bands", bands: [{ lower: null, upper: 5, points: 10 }, { lower: 5, upper: null, points: 0 }] } }];
    expect(diffRubrics(CONTACT_CENTRE_10_POINT, b).map((c) => c.kind + ":" + ("metric" in c ? c.metric : ""))).toEqual([
      "weight:first_contact_resolution",
      "min_sample:first_contact_resolution",
      "rule:qa_score",
      "metric_removed:csat",
      "metric_added:repeat_contact_rate",
    ]);
  });
});
