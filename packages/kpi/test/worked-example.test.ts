import { describe, expect, it } from "vitest";
import { CONTACT_CENTRE_10_POINT, type MetricResult, displayComposite, nextGradeGap, scoreAgent, weakMetrics } from "../src/index.ts";
import { workedExampleFacts } from "./helpers/facts.ts";

const score = scoreAgent(CONTACT_CENTRE_10_POINT, workedExampleFacts());
const metric = (key: string): MetricResult => {
  const m = score.metrics.find((x) => x.key === key);
  if (!m) throw new Error(`no ${key}`);
  return m;
};

describe("the brief's worked example (default rubric, one agent, one quarter)", () => {
  it("first response time: phone 38 s → 10, chat 25 s → 9, combined 9.6 → 96.0", () => {
    const frt = metric("first_response_time");
    expect(frt.dimensionKey).toBe("responsiveness");
    expect(frt.rawSums).toEqual({
      phoneFrtContacts: 1200,
      phoneFirstResponseSecSum: 45_600,
      chatFrtContacts: 800,
      chatFirstResponseSecSum: 20_000,
    });
    // 45,600 / 1,200 = 38 s; 20,000 / 800 = 25 s
    expect(frt.raw).toEqual({ phone: 38, chat: 25 });
    expect(frt.sample).toBe(2000);
    expect(frt.minSample).toBe(30);
    expect(frt.missing).toBeNull();
    expect(frt.ruleHit).toEqual({
      type: "per_channel",
      channels: [
        // 38 − 30 = 8 s over: no full 10 s → 10
        {
          channel: "phone",
          raw: 38,
          countedContacts: 1200,
          hit: { type: "step", threshold: 30, step: 10, excess: 8, steps: 0, pointsPerStep: 1, top: 10, floor: 0, points: 10 },
        },
        // 25 − 15 = 10 s over: one full step → 9
        {
          channel: "chat",
          raw: 25,
          countedContacts: 800,
          hit: { type: "step", threshold: 15, step: 10, excess: 10, steps: 1, pointsPerStep: 1, top: 10, floor: 0, points: 9 },
        },
      ],
      points: 9.6, // (10·1200 + 9·800) / 2000
    });
    expect(frt.points).toBe(9.6);
    expect(frt.normalized).toBeCloseTo(96, 9);
    expect(frt.weightBp).toBe(1500);
    expect(frt.effectiveWeightPct).toBeCloseTo(15, 9);
    expect(frt.contribution).toBeCloseTo(14.4, 9); // 0.15 · 96
  });

  it("FCR 1,710 / 1,900 = 90.0 % → band [90, 95) → 8 → 80.0", () => {
    const fcr = metric("first_contact_resolution");
    expect(fcr.rawSums).toEqual({ resolvedFirstContact: 1710, resolved: 1900 });
    expect(fcr.raw).toBe(90);
    expect(fcr.sample).toBe(1900);
    expect(fcr.ruleHit).toEqual({
      type: "bands",
      bandIndex: 1,
      band: { lower: 90, upper: 95, points: 8 },
      direction: "higher_is_better",
      points: 8,
    });
    expect(fcr.points).toBe(8);
    expect(fcr.normalized).toBe(80);
    expect(fcr.effectiveWeightPct).toBeCloseTo(25, 9);
    expect(fcr.contribution).toBeCloseTo(20, 9); // 0.25 · 80
  });

  it("QA 92, 88, 0 (fatal), 95 → mean 68.75 → 6.875 points → 68.75", () => {
    const qa = metric("qa_score");
    expect(qa.rawSums).toEqual({ scorePctSum: 275, evaluations: 4, fatalEvaluations: 1 });
    expect(qa.raw).toBe(68.75); // 275 / 4
    expect(qa.sample).toBe(4);
    expect(qa.ruleHit).toEqual({ type: "linear", factor: 0.1, points: expect.closeTo(6.875, 9), capped: false });
    expect(qa.points).toBeCloseTo(6.875, 9);
    expect(qa.normalized).toBeCloseTo(68.75, 9);
    expect(qa.effectiveWeightPct).toBeCloseTo(20, 9);
    expect(qa.contribution).toBeCloseTo(13.75, 9); // 0.20 · 68.75
  });

  it("CSAT 934 / 212 = 4.406 → band [4.0, 4.5) → 8 → 80.0", () => {
    const csat = metric("csat");
    expect(csat.rawSums).toEqual({ ratingSum: 934, responses: 212 });
    expect(csat.raw).toBeCloseTo(4.406, 3);
    expect(csat.sample).toBe(212);
    expect(csat.ruleHit).toEqual({
      type: "bands",
      bandIndex: 1,
      band: { lower: 4.0, upper: 4.5, points: 8 },
      direction: "higher_is_better",
      points: 8,
    });
    expect(csat.normalized).toBe(80);
    expect(csat.effectiveWeightPct).toBeCloseTo(40, 9);
    expect(csat.contribution).toBeCloseTo(32, 9); // 0.40 · 80
  });

  it("composite 14.4 + 20 + 13.75 + 32 = 80.15 → grade B, complete", () => {
    expect(score.status).toBe("complete");
    expect(score.missingWeightBp).toBe(0);
    expect(score.composite).toBeCloseTo(80.15, 9);
    expect(score.grade).toBe("B");
    expect(displayComposite(score.composite!)).toBe("80.2"); // 80.15 rounds half up, still in B
    const contributions = score.metrics.reduce((sum, m) => sum + (m.contribution ?? 0), 0);
    expect(contributions).toBeCloseTo(score.composite!, 9);
    // 90 − 80.15 = 9.85 to grade A
    expect(nextGradeGap(score.composite!)).toEqual({ nextGrade: "A", pointsNeeded: 9.85 });
  });

  it("QA 68.75 < 70 is the only weak item", () => {
    expect(weakMetrics(score).map((m) => m.key)).toEqual(["qa_score"]);
  });
});
