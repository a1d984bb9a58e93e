import { describe, expect, it } from "vitest";
import {
  GRADE_BANDS,
  displayComposite,
  displayInBand,
  gradeFor,
  nextGradeGap,
  round9,
  roundCompositeForDisplay,
  roundOneDecimalInBand,
} from "../src/index.ts";

describe("round9", () => {
  it("turns float noise into the intended number", () => {
    expect(round9(59.99999999999999)).toBe(60);
    expect(round9(0.1 + 0.2)).toBe(0.3);
    expect(round9(-0.1 - 0.2)).toBe(-0.3);
    expect(round9(1.0000000004)).toBe(1);
    expect(round9(1.0000000006)).toBe(1.000000001);
    expect(Object.is(round9(-1e-12), 0)).toBe(true); // never -0
  });
});

describe("grades: A ≥ 90 · B [80, 90) · C [70, 80) · D [60, 70) · E < 60", () => {
  it.each([
    [100, "A"],
    [90, "A"],
    [89.99999999999999, "A"], // float noise under 90 is 90
    [89.999, "B"],
    [80, "B"],
    [79.99, "C"],
    [70, "C"],
    [69.99, "D"],
    [60, "D"],
    [59.99999999999999, "D"], // the brief's own example: this is 60
    [59.99, "E"],
    [0, "E"],
  ] as const)("%d → %s", (composite, grade) => {
    expect(gradeFor(composite)).toBe(grade);
  });

  it("labels the bands as the brief names them", () => {
    expect(GRADE_BANDS.map((b) => `${b.grade} ${b.label}`)).toEqual([
      "A Outstanding",
      "B Exceeds",
      "C Meets",
      "D Needs improvement",
      "E Unsatisfactory",
    ]);
  });

  it("gap to the next grade", () => {
    expect(nextGradeGap(90)).toBeNull();
    expect(nextGradeGap(89.9)).toEqual({ nextGrade: "A", pointsNeeded: 0.1 });
    expect(nextGradeGap(72.5)).toEqual({ nextGrade: "B", pointsNeeded: 7.5 });
    expect(nextGradeGap(12)).toEqual({ nextGrade: "D", pointsNeeded: 48 });
  });
});

describe("display: 1 decimal, rounded toward the inside of the value's own band", () => {
  it("a composite of 89.96 is grade B and reads 89.9, never 90.0", () => {
    expect(gradeFor(89.96)).toBe("B");
    expect(displayComposite(89.96)).toBe("89.9");
    expect(roundCompositeForDisplay(89.96)).toBe(89.9);
  });

  it("59.96 (E) reads 59.9; 79.95 (C) reads 79.9", () => {
    expect(displayComposite(59.96)).toBe("59.9");
    expect(displayComposite(79.95)).toBe("79.9");
  });

  it("ordinary half-up rounding when it stays in the band", () => {
    expect(displayComposite(80.15)).toBe("80.2");
    expect(displayComposite(80.04)).toBe("80.0");
    expect(displayComposite(91.26)).toBe("91.3");
    expect(displayComposite(100)).toBe("100.0");
    expect(displayComposite(89.99999999999999)).toBe("90.0"); // it is 90, grade A
  });

  it("30.04 s in the band (30, 60] reads 30.1, never 30.0", () => {
    expect(displayInBand(30.04, { lower: 30, upper: 60 }, "lower_is_better")).toBe("30.1");
    expect(roundOneDecimalInBand(30.04, { lower: 30, upper: 60 }, "lower_is_better")).toBe(30.1);
    // In the band ≤ 30, 29.96 may read 30.0: 30 is inside (lower is better, upper closed).
    expect(displayInBand(29.96, { lower: null, upper: 30 }, "lower_is_better")).toBe("30.0");
    // 60.04 s is in (60, ∞) → 60.1
    expect(displayInBand(60.04, { lower: 60, upper: null }, "lower_is_better")).toBe("60.1");
  });

  it("FCR 94.96 % in [90, 95) reads 94.9; 95.0 in [95, ∞) reads 95.0", () => {
    expect(displayInBand(94.96, { lower: 90, upper: 95 }, "higher_is_better")).toBe("94.9");
    expect(displayInBand(95, { lower: 95, upper: null }, "higher_is_better")).toBe("95.0");
  });
});
