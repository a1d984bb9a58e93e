import { describe, expect, it } from "vitest";
import {
  availableCycleSteps,
  checkCycleStep,
  type Grade,
  mostImproved,
  type QuarterStanding,
  serviceStarVerdict,
} from "../src/index.ts";

const standing = (quarterId: string, grade: Grade | null, extra: Partial<QuarterStanding> = {}): QuarterStanding => ({
  quarterId,
  grade,
  status: "complete",
  fatalQaEvaluations: 0,
  ...extra,
});

describe("Service Star nomination against hand-built histories", () => {
  it("A then A, complete, no fatal QA → nominated", () => {
    expect(serviceStarVerdict(standing("2026-Q2", "A"), standing("2026-Q1", "A"), "2026-Q1")).toEqual({ nominated: true });
  });
  it("A then B → not", () => {
    expect(serviceStarVerdict(standing("2026-Q2", "B"), standing("2026-Q1", "A"), "2026-Q1")).toEqual({ nominated: false, reason: "not_a_grade" });
  });
  it("incomplete data in either quarter → not", () => {
    expect(serviceStarVerdict(standing("2026-Q2", "A"), standing("2026-Q1", "A", { status: "incomplete" }), "2026-Q1")).toEqual({
      nominated: false,
      reason: "incomplete_data",
    });
  });
  it("a fatal QA evaluation in either quarter → not", () => {
    expect(serviceStarVerdict(standing("2026-Q2", "A", { fatalQaEvaluations: 1 }), standing("2026-Q1", "A"), "2026-Q1")).toEqual({
      nominated: false,
      reason: "fatal_qa",
    });
  });
  it("a gap quarter (previous result is two quarters back) → not", () => {
    expect(serviceStarVerdict(standing("2026-Q2", "A"), standing("2025-Q4", "A"), "2026-Q1")).toEqual({ nominated: false, reason: "not_consecutive" });
    expect(serviceStarVerdict(standing("2026-Q2", "A"), undefined, "2026-Q1")).toEqual({ nominated: false, reason: "no_previous_quarter" });
  });
});

describe("Most improved", () => {
  it("picks the largest gain among agents graded at least C, ties share it", () => {
    const winners = mostImproved([
      { item: "big-but-D", current: 65, previous: 40, grade: "D" }, // +25 but below C
      { item: "x", current: 78.5, previous: 70, grade: "C" }, // +8.5
      { item: "y", current: 91, previous: 82.5, grade: "A" }, // +8.5 (tie)
      { item: "z", current: 88, previous: 85, grade: "B" }, // +3
      { item: "new", current: 95, previous: null, grade: "A" },
    ]);
    expect(winners).toEqual([
      { item: "x", gain: 8.5 },
      { item: "y", gain: 8.5 },
    ]);
  });
  it("nobody improved → nobody", () => {
    expect(mostImproved([{ item: "a", current: 80, previous: 85, grade: "B" }])).toEqual([]);
  });
});

describe("cycle steps", () => {
  it("follows draft → collecting → calculated → in review → locked → published", () => {
    expect(checkCycleStep("draft", "collect")).toEqual({ allowed: true, to: "collecting" });
    expect(checkCycleStep("collecting", "calculate")).toEqual({ allowed: true, to: "calculated" });
    expect(checkCycleStep("calculated", "review")).toEqual({ allowed: true, to: "in_review" });
    expect(checkCycleStep("in_review", "lock")).toEqual({ allowed: true, to: "locked" });
    expect(checkCycleStep("locked", "publish")).toEqual({ allowed: true, to: "published" });
  });
  it("refuses recalculation once locked, and skipping review", () => {
    expect(checkCycleStep("locked", "calculate")).toEqual({ allowed: false, allowedFrom: ["draft", "collecting", "calculated", "in_review"] });
    expect(checkCycleStep("calculated", "lock").allowed).toBe(false);
    expect(availableCycleSteps("published")).toEqual(["reopen"]);
    expect(availableCycleSteps("in_review")).toEqual(["calculate", "lock"]);
  });
});
