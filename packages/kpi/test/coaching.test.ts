import { describe, expect, it } from "vitest";
import {
  type AgentScore,
  allowedPlanActions,
  classifyPlanOutcome,
  isPlanOverdue,
  isWeakMetric,
  type MetricResult,
  nextPlanStatus,
  suggestForScore,
  targetImprovesOn,
} from "../src/index.ts";

function metric(key: MetricResult["key"], dimensionKey: string, normalized: number | null): MetricResult {
  return {
    key,
    dimensionKey,
    rawSums: {},
    raw: normalized === null ? null : 0,
    sample: normalized === null ? 0 : 10,
    minSample: 1,
    missing: normalized === null ? "no_data" : null,
    ruleHit: null,
    points: normalized === null ? null : normalized / 10,
    normalized,
    weightBp: 2500,
    effectiveWeightPct: 25,
    contribution: null,
  };
}

/** The brief's worked example: FRT 96, FCR 80, QA 68.75, CSAT 80 → only QA is weak. */
const workedExample: AgentScore = {
  status: "complete",
  composite: 80.15,
  grade: "B",
  missingWeightBp: 0,
  metrics: [
    metric("first_response_time", "responsiveness", 96),
    metric("first_contact_resolution", "efficiency", 80),
    metric("qa_score", "process_compliance", 68.75),
    metric("csat", "customer_satisfaction", 80),
  ],
};

describe("weak items and suggestions", () => {
  it("suggests for the worked example's QA 68.75 only, with the interventions mapped to QA", () => {
    const catalogue = [
      { id: 1, name: "1:1 mentoring on case handling", metricKeys: ["first_contact_resolution"], active: true },
      { id: 2, name: "SOP refresher on failed QA items", metricKeys: ["qa_score"], active: true },
      { id: 3, name: "Old QA video course", metricKeys: ["qa_score"], active: false },
      { id: 4, name: "QA peer review", metricKeys: ["qa_score", "sop_compliance"], active: true },
    ];
    const suggestions = suggestForScore(workedExample, catalogue);
    expect(suggestions).toHaveLength(1);
    expect(suggestions[0]!.metric.key).toBe("qa_score");
    expect(suggestions[0]!.metric.dimensionKey).toBe("process_compliance");
    expect(suggestions[0]!.interventions.map((i) => i.id)).toEqual([2, 4]);
  });

  it("counts exactly 70 (and float noise just under it) as not weak, 69.9 as weak, missing data as not weak", () => {
    expect(isWeakMetric(metric("csat", "s", 70))).toBe(false);
    expect(isWeakMetric(metric("csat", "s", 69.9999999999))).toBe(false);
    expect(isWeakMetric(metric("csat", "s", 69.9))).toBe(true);
    expect(isWeakMetric(metric("csat", "s", 0))).toBe(true);
    expect(isWeakMetric(metric("csat", "s", null))).toBe(false);
    const score: AgentScore = { ...workedExample, metrics: [metric("csat", "s", null), metric("qa_score", "q", 40)] };
    expect(suggestForScore(score, []).map((s) => [s.metric.key, s.interventions.length])).toEqual([["qa_score", 0]]);
  });
});

describe("effectiveness classification", () => {
  it("FCR (higher is better) 84 % → target 90 %", () => {
    const fcr = (after: number | null, before: number | null = 84) =>
      classifyPlanOutcome({ direction: "higher_is_better", target: 90, before, after });
    expect(fcr(91.2)).toBe("target_met");
    expect(fcr(90)).toBe("target_met"); // on the target counts as met
    expect(fcr(89.99999999999999)).toBe("target_met"); // float noise is not a miss
    expect(fcr(87.5)).toBe("improved");
    expect(fcr(84)).toBe("not_improved"); // unchanged is not an improvement
    expect(fcr(80)).toBe("not_improved");
    expect(fcr(null)).toBe("no_data");
    expect(fcr(88, null)).toBe("not_improved"); // no baseline: an improvement can't be shown
    expect(fcr(95, null)).toBe("target_met");
  });

  it("chat response time (lower is better) 48 s → target 30 s", () => {
    const chat = (after: number | null) => classifyPlanOutcome({ direction: "lower_is_better", target: 30, before: 48, after });
    expect(chat(25)).toBe("target_met");
    expect(chat(30)).toBe("target_met");
    expect(chat(30.04)).toBe("improved");
    expect(chat(41)).toBe("improved");
    expect(chat(48)).toBe("not_improved");
    expect(chat(52)).toBe("not_improved");
    expect(chat(null)).toBe("no_data");
  });

  it("a target must be better than the current value, in the metric's direction", () => {
    expect(targetImprovesOn("higher_is_better", 84, 90)).toBe(true);
    expect(targetImprovesOn("higher_is_better", 84, 84)).toBe(false);
    expect(targetImprovesOn("lower_is_better", 48, 30)).toBe(true);
    expect(targetImprovesOn("lower_is_better", 48, 60)).toBe(false);
    expect(targetImprovesOn("lower_is_better", null, 60)).toBe(true);
  });
});

describe("plan states", () => {
  it("follows assigned → acknowledged → in progress → completed", () => {
    expect(nextPlanStatus("assigned", "acknowledge")).toBe("acknowledged");
    expect(nextPlanStatus("acknowledged", "start")).toBe("in_progress");
    expect(nextPlanStatus("in_progress", "complete")).toBe("completed");
    for (const from of ["assigned", "acknowledged", "in_progress"] as const) expect(nextPlanStatus(from, "cancel")).toBe("cancelled");
  });

  it("refuses invalid transitions, e.g. completing a cancelled plan", () => {
    expect(nextPlanStatus("cancelled", "complete")).toBeNull();
    expect(nextPlanStatus("completed", "cancel")).toBeNull();
    expect(nextPlanStatus("assigned", "complete")).toBeNull();
    expect(nextPlanStatus("assigned", "start")).toBeNull();
    expect(nextPlanStatus("in_progress", "acknowledge")).toBeNull();
    expect(allowedPlanActions("cancelled")).toEqual([]);
    expect(allowedPlanActions("assigned")).toEqual(["acknowledge", "cancel"]);
  });

  it("flags open plans past their due date as overdue, never finished ones", () => {
    expect(isPlanOverdue({ status: "in_progress", dueDate: "2026-10-31" }, "2026-11-01")).toBe(true);
    expect(isPlanOverdue({ status: "assigned", dueDate: "2026-10-31" }, "2026-10-31")).toBe(false); // due today is not late
    expect(isPlanOverdue({ status: "completed", dueDate: "2026-10-31" }, "2026-12-01")).toBe(false);
    expect(isPlanOverdue({ status: "cancelled", dueDate: "2026-10-31" }, "2026-12-01")).toBe(false);
  });
});
