import { describe, expect, it } from "vitest";
import {
  CONTACT_CENTRE_10_POINT,
  FIVE_DIMENSION_531,
  type MetricResult,
  emptyAgentFacts,
  scoreAgent,
} from "../src/index.ts";
import { facts, workedExampleFacts } from "./helpers/facts.ts";

const byKey = (metrics: MetricResult[]) => Object.fromEntries(metrics.map((m) => [m.key, m]));

describe("missing data (default rubric)", () => {
  it("no data at all → insufficient: no composite, no grade, every metric no_data", () => {
    const score = scoreAgent(CONTACT_CENTRE_10_POINT, emptyAgentFacts());
    expect(score.status).toBe("insufficient");
    expect(score.composite).toBeNull();
    expect(score.grade).toBeNull();
    expect(score.missingWeightBp).toBe(10_000);
    for (const m of score.metrics) {
      expect(m).toMatchObject({ missing: "no_data", raw: null, points: null, normalized: null, effectiveWeightPct: 0, contribution: null });
    }
  });

  it("QA missing (no evaluations): 2000 bp redistributed → effective 15/80, 25/80, 40/80 → 83.0, incomplete", () => {
    const f = workedExampleFacts();
    f.qa = { evaluations: 0, scorePctSum: 0, fatalEvaluations: 0 };
    const score = scoreAgent(CONTACT_CENTRE_10_POINT, f);
    const m = byKey(score.metrics);
    expect(score.status).toBe("incomplete");
    expect(score.missingWeightBp).toBe(2000);
    expect(m.qa_score).toMatchObject({ missing: "no_data", points: null, effectiveWeightPct: 0, contribution: null });
    expect(m.first_response_time!.effectiveWeightPct).toBeCloseTo(18.75, 9); // 15 / 80
    expect(m.first_contact_resolution!.effectiveWeightPct).toBeCloseTo(31.25, 9); // 25 / 80
    expect(m.csat!.effectiveWeightPct).toBeCloseTo(50, 9); // 40 / 80
    // (1500·96 + 2500·80 + 4000·80) / 8000 = 664000 / 8000 = 83.0
    expect(score.composite).toBeCloseTo(83, 9);
    expect(score.grade).toBe("B");
    expect(m.first_response_time!.contribution).toBeCloseTo(18, 9); // 0.1875 · 96
  });

  it("below minimum sample: 29 resolved contacts < 30 → FCR missing (2500 bp), its raw value still shown", () => {
    const f = workedExampleFacts();
    f.channels.phone!.resolved = 29;
    f.channels.phone!.resolvedFirstContact = 29;
    f.channels.chat!.resolved = 0;
    f.channels.chat!.resolvedFirstContact = 0;
    const score = scoreAgent(CONTACT_CENTRE_10_POINT, f);
    const fcr = byKey(score.metrics).first_contact_resolution!;
    expect(fcr).toMatchObject({ missing: "below_min_sample", raw: 100, sample: 29, minSample: 30, points: null, ruleHit: null });
    expect(score.status).toBe("incomplete");
    expect(score.missingWeightBp).toBe(2500);
    // (1500·96 + 2000·68.75 + 4000·80) / 7500 = 601500 / 7500 = 80.2
    expect(score.composite).toBeCloseTo(80.2, 9);
  });

  it("exactly the minimum sample counts: 30 resolved → scored", () => {
    const f = workedExampleFacts();
    f.channels.phone!.resolved = 30;
    f.channels.phone!.resolvedFirstContact = 27;
    f.channels.chat!.resolved = 0;
    f.channels.chat!.resolvedFirstContact = 0;
    const fcr = byKey(scoreAgent(CONTACT_CENTRE_10_POINT, f).metrics).first_contact_resolution!;
    expect(fcr).toMatchObject({ missing: null, raw: 90, points: 8 });
  });

  it("more than 30 % missing → insufficient: FRT + QA = 3500 bp", () => {
    const f = facts({ channels: { phone: { contacts: 100, resolved: 100, resolvedFirstContact: 96 } }, csat: { responses: 20, ratingSum: 100 } });
    const score = scoreAgent(CONTACT_CENTRE_10_POINT, f);
    expect(score.missingWeightBp).toBe(3500);
    expect(score.status).toBe("insufficient");
    expect(score.composite).toBeNull();
    expect(score.grade).toBeNull();
    // the metrics that do have data still show their points, but no weight or contribution
    expect(byKey(score.metrics).csat).toMatchObject({ points: 10, normalized: 100, effectiveWeightPct: 0, contribution: null });
  });
});

describe("missing data (5/3/1 preset, whose item ratings are missing until QA forms record them)", () => {
  // phone answered 96 % → 5 (100) · chat 25 s → 5 (100) · FCR 85 % → 3 (60) · CSAT 4.0 → 3 (60) · repeat 4 % → 5 (100)
  const base = () =>
    facts({
      channels: {
        phone: { contacts: 500, answerContacts: 500, answeredWithin90s: 480, resolved: 200, resolvedFirstContact: 170, repeatBaseContacts: 500, repeatContacts30d: 20 },
        chat: { contacts: 100, frtContacts: 100, firstResponseSecSum: 2500 },
      },
      csat: { responses: 50, ratingSum: 200 },
    });

  it("exactly 30 % missing (3 item-rated metrics × 1000 bp) → incomplete, still graded", () => {
    const f = base();
    f.itemRatings = { knowledge_accuracy: { ratings: 4, ratingSum: 18 }, tone_patience: { ratings: 5, ratingSum: 20 } }; // 4.5 → 90 · 4.0 → 80
    const score = scoreAgent(FIVE_DIMENSION_531, f);
    expect(score.missingWeightBp).toBe(3000);
    expect(score.status).toBe("incomplete");
    // 7 metrics present at 1000 bp each: (100 + 100 + 60 + 60 + 100 + 90 + 80) / 7 = 590 / 7 = 84.2857…
    expect(score.composite).toBeCloseTo(590 / 7, 9);
    expect(score.grade).toBe("B");
    for (const m of score.metrics) expect(m.effectiveWeightPct).toBeCloseTo(m.missing ? 0 : 100 / 7, 9);
  });

  it("all five item-rated metrics missing (50 %) → insufficient", () => {
    const score = scoreAgent(FIVE_DIMENSION_531, base());
    expect(score.missingWeightBp).toBe(5000);
    expect(score.status).toBe("insufficient");
  });
});

describe("channels and unrecorded values in first response time", () => {
  it("a channel with 0 contacts contributes nothing", () => {
    const f = workedExampleFacts();
    f.channels.email = facts({ channels: { email: { contacts: 0 } } }).channels.email!;
    const frt = byKey(scoreAgent(CONTACT_CENTRE_10_POINT, f).metrics).first_response_time!;
    expect(frt.raw).toEqual({ phone: 38, chat: 25 });
    expect(frt.points).toBe(9.6);
    expect(frt.sample).toBe(2000);
    expect(Object.keys(frt.rawSums)).not.toContain("emailFrtContacts");
  });

  it("contacts with unrecorded FRT are left out of the denominator and the channel weighting", () => {
    // phone handled 1,500 calls, but first response was recorded for only 1,200 of them (Σ 45,600 s)
    const f = workedExampleFacts();
    f.channels.phone!.contacts = 1500;
    const frt = byKey(scoreAgent(CONTACT_CENTRE_10_POINT, f).metrics).first_response_time!;
    expect(frt.raw).toEqual({ phone: 38, chat: 25 }); // 45,600 / 1,200, not / 1,500
    expect(frt.points).toBe(9.6); // still (10·1200 + 9·800) / 2000
    expect(frt.sample).toBe(2000);
  });

  it("email with recorded FRT joins the weighting: + 200 emails at 5 h → (10·1200 + 9·800 + 9·200) / 2200", () => {
    const f = workedExampleFacts();
    f.channels.email = facts({ channels: { email: { contacts: 200, frtContacts: 200, firstResponseSecSum: 200 * 18_000 } } }).channels.email!;
    const frt = byKey(scoreAgent(CONTACT_CENTRE_10_POINT, f).metrics).first_response_time!;
    expect(frt.raw).toEqual({ phone: 38, chat: 25, email: 18_000 });
    expect(frt.points).toBeCloseTo(21_000 / 2200, 12); // 9.5454…
  });

  it("FRT recorded nowhere → no_data even though contacts were handled", () => {
    const f = facts({ channels: { phone: { contacts: 400 } } });
    const frt = byKey(scoreAgent(CONTACT_CENTRE_10_POINT, f).metrics).first_response_time!;
    expect(frt).toMatchObject({ missing: "no_data", raw: null, sample: 0 });
  });

  it("29 calls with FRT in total → below minimum sample", () => {
    const f = facts({ channels: { phone: { contacts: 29, frtContacts: 29, firstResponseSecSum: 29 * 20 } } });
    const frt = byKey(scoreAgent(CONTACT_CENTRE_10_POINT, f).metrics).first_response_time!;
    expect(frt).toMatchObject({ missing: "below_min_sample", raw: { phone: 20 }, sample: 29 });
  });
});
