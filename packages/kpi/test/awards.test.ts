import { describe, expect, it } from "vitest";
import { DEFAULT_GRADE_MULTIPLIERS, gradeBonus, roundMoney, serviceStarVerdict, type QuarterStanding } from "../src/index.ts";

const q = (quarterId: string, over: Partial<QuarterStanding> = {}): QuarterStanding => ({
  quarterId,
  grade: "A",
  status: "complete",
  fatalQaEvaluations: 0,
  ...over,
});

describe("Service Star nomination", () => {
  it("nominates A then A with complete data and no fatal QA", () => {
    expect(serviceStarVerdict(q("2026-Q3"), q("2026-Q2"), "2026-Q2")).toEqual({ nominated: true });
  });
  it("does not nominate A then B", () => {
    expect(serviceStarVerdict(q("2026-Q3"), q("2026-Q2", { grade: "B" }), "2026-Q2")).toEqual({ nominated: false, reason: "not_a_grade" });
    expect(serviceStarVerdict(q("2026-Q3", { grade: "B" }), q("2026-Q2"), "2026-Q2")).toEqual({ nominated: false, reason: "not_a_grade" });
  });
  it("does not nominate with incomplete data in either quarter", () => {
    expect(serviceStarVerdict(q("2026-Q3", { status: "incomplete" }), q("2026-Q2"), "2026-Q2")).toEqual({ nominated: false, reason: "incomplete_data" });
    expect(serviceStarVerdict(q("2026-Q3"), q("2026-Q2", { status: "incomplete" }), "2026-Q2")).toEqual({ nominated: false, reason: "incomplete_data" });
  });
  it("does not nominate with a fatal QA evaluation in either quarter", () => {
    expect(serviceStarVerdict(q("2026-Q3", { fatalQaEvaluations: 1 }), q("2026-Q2"), "2026-Q2")).toEqual({ nominated: false, reason: "fatal_qa" });
    expect(serviceStarVerdict(q("2026-Q3"), q("2026-Q2", { fatalQaEvaluations: 2 }), "2026-Q2")).toEqual({ nominated: false, reason: "fatal_qa" });
  });
  it("does not nominate across a gap quarter or without a previous quarter", () => {
    expect(serviceStarVerdict(q("2026-Q3"), q("2026-Q1"), "2026-Q2")).toEqual({ nominated: false, reason: "not_consecutive" });
    expect(serviceStarVerdict(q("2026-Q3"), undefined, "2026-Q2")).toEqual({ nominated: false, reason: "no_previous_quarter" });
  });
});

describe("grade bonus", () => {
  it("is base × the grade's multiplier, 0 for insufficient", () => {
    expect(gradeBonus(1000, DEFAULT_GRADE_MULTIPLIERS, "A")).toBe(1500);
    expect(gradeBonus(1000, DEFAULT_GRADE_MULTIPLIERS, "C")).toBe(500);
    expect(gradeBonus(1000, DEFAULT_GRADE_MULTIPLIERS, "E")).toBe(0);
    expect(gradeBonus(1000, DEFAULT_GRADE_MULTIPLIERS, null)).toBe(0);
  });
  it("rounds money to minor units half away from zero only when asked", () => {
    expect(roundMoney(1.005)).toBe(1.01);
    expect(roundMoney(2.675)).toBe(2.68);
    expect(roundMoney(333.3333)).toBe(333.33);
    expect(roundMoney(-1.005)).toBe(-1.01);
    expect(roundMoney(0)).toBe(0);
  });
});
