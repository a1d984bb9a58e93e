import { describe, expect, it } from "vitest";
import {
  type AgentFacts,
  CONTACT_CENTRE_10_POINT,
  FIVE_DIMENSION_531,
  type MetricKey,
  type Rubric,
  applyBands,
  applyStep,
  scoreAgent,
} from "../src/index.ts";
import { facts } from "./helpers/facts.ts";

/** Points one metric earns for these facts under a rubric (the rest of the rubric is irrelevant here). */
function pointsOf(rubric: Rubric, key: MetricKey, f: AgentFacts): number | null {
  const m = scoreAgent(rubric, f).metrics.find((x) => x.key === key);
  if (!m) throw new Error(`${key} not in rubric`);
  return m.points;
}

const fcr = (resolvedFirstContact: number, resolved: number) =>
  facts({ channels: { phone: { contacts: resolved, resolved, resolvedFirstContact } } });
const csat = (ratingSum: number, responses: number) => facts({ csat: { responses, ratingSum } });
const frt = (ch: "phone" | "chat" | "email", firstResponseSecSum: number, frtContacts: number) =>
  facts({ channels: { [ch]: { contacts: frtContacts, frtContacts, firstResponseSecSum } } });

describe("default rubric: FCR bands ≥ 95 → 10 · [90, 95) → 8 · [85, 90) → 6 · < 85 → 0", () => {
  it.each([
    [9500, 10_000, 10], // 95.00 % is on the boundary: the better band
    [9499, 10_000, 8], //  94.99 %
    [9000, 10_000, 8], //  90.00 %
    [8999, 10_000, 6], //  89.99 %
    [8500, 10_000, 6], //  85.00 %
    [8499, 10_000, 0], //  84.99 %
    [10_000, 10_000, 10], // 100 % (top of the domain)
    [0, 10_000, 0], //     0 % (bottom of the domain)
  ])("%i / %i resolved → %i points", (rfc, resolved, points) => {
    expect(pointsOf(CONTACT_CENTRE_10_POINT, "first_contact_resolution", fcr(rfc, resolved))).toBe(points);
  });

  it("float noise just under a boundary does not flip the band (94.99999999999999 is 95)", () => {
    const rule = CONTACT_CENTRE_10_POINT.dimensions[1]!.metrics[0]!.rule;
    if (rule.type !== "bands") throw new Error("FCR uses bands");
    expect(applyBands(rule, 94.99999999999999, "higher_is_better").points).toBe(10);
    expect(applyBands(rule, 94.999999, "higher_is_better").points).toBe(8); // a real difference still counts
  });
});

describe("default rubric: CSAT bands ≥ 4.5 → 10 · [4.0, 4.5) → 8 · [3.5, 4.0) → 6 · [3.0, 3.5) → 4 · < 3.0 → 0", () => {
  it.each([
    [450, 100, 10], // 4.50
    [449, 100, 8], //  4.49
    [400, 100, 8], //  4.00
    [399, 100, 6], //  3.99
    [350, 100, 6], //  3.50
    [349, 100, 4], //  3.49
    [300, 100, 4], //  3.00
    [299, 100, 0], //  2.99
    [100, 100, 0], //  1.00, the lowest rating
    [500, 100, 10], // 5.00, the highest
  ])("rating sum %i over %i responses → %i points", (sum, responses, points) => {
    expect(pointsOf(CONTACT_CENTRE_10_POINT, "csat", csat(sum, responses))).toBe(points);
  });
});

describe("5/3/1 preset: chat response time ≤ 30 → 5 · (30, 60] → 3 · > 60 → 1 (lower is better)", () => {
  const chat = (secSum: number) => facts({ channels: { chat: { contacts: 100, frtContacts: 100, firstResponseSecSum: secSum } } });
  it.each([
    [3000, 5], // 30.00 s is on the boundary: the better band
    [3001, 3], // 30.01 s
    [6000, 3], // 60.00 s
    [6001, 1], // 60.01 s
    [0, 5], //    0 s, the bottom of the domain
  ])("Σ %i s over 100 chats → %i points", (secSum, points) => {
    expect(pointsOf(FIVE_DIMENSION_531, "chat_response_time", chat(secSum))).toBe(points);
  });
});

describe("5/3/1 preset: other bands on their edges", () => {
  it("phone answered within 90 s: 95 % → 5, 94.9 % → 3, 80 % → 3, 79.9 % → 1", () => {
    const answered = (n: number) => facts({ channels: { phone: { contacts: 1000, answerContacts: 1000, answeredWithin90s: n } } });
    expect(pointsOf(FIVE_DIMENSION_531, "phone_answer_rate_90s", answered(950))).toBe(5);
    expect(pointsOf(FIVE_DIMENSION_531, "phone_answer_rate_90s", answered(949))).toBe(3);
    expect(pointsOf(FIVE_DIMENSION_531, "phone_answer_rate_90s", answered(800))).toBe(3);
    expect(pointsOf(FIVE_DIMENSION_531, "phone_answer_rate_90s", answered(799))).toBe(1);
  });

  it("repeat contacts: 5 % → 5, 5.1 % → 3, 10 % → 3, 10.1 % → 1", () => {
    const repeats = (n: number) => facts({ channels: { phone: { contacts: 1000, repeatBaseContacts: 1000, repeatContacts30d: n } } });
    expect(pointsOf(FIVE_DIMENSION_531, "repeat_contact_rate", repeats(50))).toBe(5);
    expect(pointsOf(FIVE_DIMENSION_531, "repeat_contact_rate", repeats(51))).toBe(3);
    expect(pointsOf(FIVE_DIMENSION_531, "repeat_contact_rate", repeats(100))).toBe(3);
    expect(pointsOf(FIVE_DIMENSION_531, "repeat_contact_rate", repeats(101))).toBe(1);
  });

  it("CSAT 4.5 → 5, 4.49 → 3, 3.5 → 3, 3.49 → 1", () => {
    expect(pointsOf(FIVE_DIMENSION_531, "csat", csat(450, 100))).toBe(5);
    expect(pointsOf(FIVE_DIMENSION_531, "csat", csat(449, 100))).toBe(3);
    expect(pointsOf(FIVE_DIMENSION_531, "csat", csat(350, 100))).toBe(3);
    expect(pointsOf(FIVE_DIMENSION_531, "csat", csat(349, 100))).toBe(1);
  });

  it("FCR 90 % → 5, 89.99 % → 3, 70 % → 3, 69.99 % → 1", () => {
    expect(pointsOf(FIVE_DIMENSION_531, "first_contact_resolution", fcr(9000, 10_000))).toBe(5);
    expect(pointsOf(FIVE_DIMENSION_531, "first_contact_resolution", fcr(8999, 10_000))).toBe(3);
    expect(pointsOf(FIVE_DIMENSION_531, "first_contact_resolution", fcr(7000, 10_000))).toBe(3);
    expect(pointsOf(FIVE_DIMENSION_531, "first_contact_resolution", fcr(6999, 10_000))).toBe(1);
  });

  it("item ratings are their own points: knowledge accuracy 14 over 3 ratings = 4.667 → 4.667 of 5", () => {
    const f = facts({ itemRatings: { knowledge_accuracy: { ratings: 3, ratingSum: 14 } } });
    expect(pointsOf(FIVE_DIMENSION_531, "knowledge_accuracy", f)).toBeCloseTo(14 / 3, 12);
  });
});

describe("default rubric: step deduction on first response time", () => {
  it.each([
    [3999, 100, 10], // phone 39.99 s: 9.99 s over 30, no full 10 s
    [4000, 100, 9], //  phone 40.00 s: exactly one full step
    [4999, 100, 9], //  phone 49.99 s
    [5000, 100, 8], //  phone 50.00 s
    [3000, 100, 10], // phone 30.00 s: at the threshold
    [1000, 100, 10], // phone 10 s: under the threshold never earns more than top
    [20_000, 100, 0], // phone 200 s: 17 steps, floored at 0
  ])("phone Σ %i s over %i calls → %i points", (sum, calls, points) => {
    expect(pointsOf(CONTACT_CENTRE_10_POINT, "first_response_time", frt("phone", sum, calls))).toBe(points);
  });

  it("phone 40.000000001 s is one full step (9), and float noise under 40 s counts as 40 s", () => {
    const phoneRule = { type: "step", threshold: 30, step: 10, pointsPerStep: 1, top: 10, floor: 0 } as const;
    expect(applyStep(phoneRule, 40.000000001).points).toBe(9);
    expect(applyStep(phoneRule, 39.99999999999999)).toMatchObject({ points: 9, hit: { steps: 1 } });
    expect(applyStep(phoneRule, 39.9999999)).toMatchObject({ points: 10, hit: { steps: 0 } }); // 1e-7 short is really short
  });

  it("email: exactly 4 h → 10, 4 h 59 min 59 s → 10, exactly 5 h → 9, 24 h → 0", () => {
    expect(pointsOf(CONTACT_CENTRE_10_POINT, "first_response_time", frt("email", 14_400 * 40, 40))).toBe(10);
    expect(pointsOf(CONTACT_CENTRE_10_POINT, "first_response_time", frt("email", 17_999 * 40, 40))).toBe(10);
    expect(pointsOf(CONTACT_CENTRE_10_POINT, "first_response_time", frt("email", 18_000 * 40, 40))).toBe(9);
    // 24 h − 4 h = 20 full hours → 10 − 20 → floor 0
    expect(pointsOf(CONTACT_CENTRE_10_POINT, "first_response_time", frt("email", 86_400 * 40, 40))).toBe(0);
  });

  it("chat: 15 s → 10, 24.99 s → 10, 25 s → 9", () => {
    expect(pointsOf(CONTACT_CENTRE_10_POINT, "first_response_time", frt("chat", 1500, 100))).toBe(10);
    expect(pointsOf(CONTACT_CENTRE_10_POINT, "first_response_time", frt("chat", 2499, 100))).toBe(10);
    expect(pointsOf(CONTACT_CENTRE_10_POINT, "first_response_time", frt("chat", 2500, 100))).toBe(9);
  });
});

describe("default rubric: QA linear points = % / 10", () => {
  it("QA 100 % → 10, 0 % → 0, 55.5 % → 5.55", () => {
    const qa = (scorePctSum: number, evaluations: number) => facts({ qa: { evaluations, scorePctSum, fatalEvaluations: 0 } });
    expect(pointsOf(CONTACT_CENTRE_10_POINT, "qa_score", qa(300, 3))).toBe(10);
    expect(pointsOf(CONTACT_CENTRE_10_POINT, "qa_score", qa(0, 3))).toBe(0);
    expect(pointsOf(CONTACT_CENTRE_10_POINT, "qa_score", qa(166.5, 3))).toBeCloseTo(5.55, 12);
  });
});
