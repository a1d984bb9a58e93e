import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type AgentFacts,
  type ChannelSums,
  ITEM_RATED_METRIC_KEYS,
  RUBRIC_PRESETS,
  type Rubric,
  round9,
  scoreAgent,
} from "../src/index.ts";

/** Realistic, internally consistent sums for one channel: every numerator within its denominator. */
const channelSums: fc.Arbitrary<ChannelSums> = fc
  .record({
    contacts: fc.integer({ min: 0, max: 3000 }),
    frtShare: fc.double({ min: 0, max: 1, noNaN: true }),
    avgFrtSec: fc.double({ min: 0, max: 30_000, noNaN: true }),
    answeredShare: fc.double({ min: 0, max: 1, noNaN: true }),
    resolvedShare: fc.double({ min: 0, max: 1, noNaN: true }),
    rfcShare: fc.double({ min: 0, max: 1, noNaN: true }),
    repeatShare: fc.double({ min: 0, max: 0.5, noNaN: true }),
    complaintShare: fc.double({ min: 0, max: 0.1, noNaN: true }),
  })
  .map((x) => {
    const frtContacts = Math.floor(x.contacts * x.frtShare);
    const resolved = Math.floor(x.contacts * x.resolvedShare);
    return {
      contacts: x.contacts,
      frtContacts,
      firstResponseSecSum: Math.round(frtContacts * x.avgFrtSec),
      answerContacts: x.contacts,
      answeredWithin90s: Math.floor(x.contacts * x.answeredShare),
      resolved,
      resolvedFirstContact: Math.floor(resolved * x.rfcShare),
      repeatBaseContacts: x.contacts,
      repeatContacts30d: Math.floor(x.contacts * x.repeatShare),
      complaintBaseContacts: x.contacts,
      complaints: Math.floor(x.contacts * x.complaintShare),
    };
  });

/** n ratings on a 1–5 scale: a sum between n and 5n. */
const ratingSums = (max: number) =>
  fc.record({ n: fc.integer({ min: 0, max }), mean: fc.double({ min: 1, max: 5, noNaN: true }) }).map(({ n, mean }) => ({
    count: n,
    sum: Math.round(n * mean),
  }));

const agentFacts: fc.Arbitrary<AgentFacts> = fc
  .record({
    phone: fc.option(channelSums, { nil: undefined }),
    chat: fc.option(channelSums, { nil: undefined }),
    email: fc.option(channelSums, { nil: undefined }),
    qa: fc.record({ evaluations: fc.integer({ min: 0, max: 12 }), meanPct: fc.double({ min: 0, max: 100, noNaN: true }), fatal: fc.integer({ min: 0, max: 2 }) }),
    csat: ratingSums(300),
    items: fc.array(ratingSums(8), { minLength: ITEM_RATED_METRIC_KEYS.length, maxLength: ITEM_RATED_METRIC_KEYS.length }),
  })
  .map((x) => {
    const channels: AgentFacts["channels"] = {};
    if (x.phone) channels.phone = x.phone;
    if (x.chat) channels.chat = x.chat;
    if (x.email) channels.email = x.email;
    const fatal = Math.min(x.qa.fatal, x.qa.evaluations);
    return {
      channels,
      qa: { evaluations: x.qa.evaluations, scorePctSum: (x.qa.evaluations - fatal) * x.qa.meanPct, fatalEvaluations: fatal },
      csat: { responses: x.csat.count, ratingSum: x.csat.sum },
      itemRatings: Object.fromEntries(ITEM_RATED_METRIC_KEYS.map((k, i) => [k, { ratings: x.items[i]!.count, ratingSum: x.items[i]!.sum }])),
    };
  });

const rubric = fc.constantFrom(...RUBRIC_PRESETS.map((p) => p.rubric));

/**
 * One change that is better for the agent on a single metric, keeping every sample the
 * same: fewer first-response seconds, more first-contact resolutions, higher QA, higher
 * ratings, more calls answered in time, fewer repeats or complaints.
 */
type Improvement = (f: AgentFacts, amount: number) => void;
const cap = (value: number, max: number) => Math.min(value, max);
const improvements: Record<string, Improvement> = {
  fasterFirstResponse(f, a) {
    for (const c of Object.values(f.channels)) c.firstResponseSecSum = Math.max(0, c.firstResponseSecSum - Math.round(a * c.firstResponseSecSum));
  },
  moreFirstContactResolutions(f, a) {
    for (const c of Object.values(f.channels)) c.resolvedFirstContact = cap(c.resolvedFirstContact + Math.ceil(a * c.resolved), c.resolved);
  },
  betterQa(f, a) {
    const nonFatal = f.qa.evaluations - f.qa.fatalEvaluations;
    f.qa.scorePctSum = cap(f.qa.scorePctSum + a * 100 * nonFatal, 100 * nonFatal);
  },
  happierCustomers(f, a) {
    f.csat.ratingSum = cap(f.csat.ratingSum + Math.ceil(a * 4 * f.csat.responses), 5 * f.csat.responses);
  },
  betterItemRatings(f, a) {
    for (const r of Object.values(f.itemRatings)) r.ratingSum = cap(r.ratingSum + Math.ceil(a * 4 * r.ratings), 5 * r.ratings);
  },
  moreAnsweredInTime(f, a) {
    const p = f.channels.phone;
    if (p) p.answeredWithin90s = cap(p.answeredWithin90s + Math.ceil(a * p.answerContacts), p.answerContacts);
  },
  fewerRepeatsAndComplaints(f, a) {
    for (const c of Object.values(f.channels)) {
      c.repeatContacts30d = Math.max(0, c.repeatContacts30d - Math.ceil(a * c.repeatContacts30d));
      c.complaints = Math.max(0, c.complaints - Math.ceil(a * c.complaints));
    }
  },
};

describe("properties over random quarters and every preset rubric", () => {
  it("the composite is in [0, 100], or null exactly when insufficient", () => {
    fc.assert(
      fc.property(rubric, agentFacts, (r: Rubric, f) => {
        const s = scoreAgent(r, f);
        if (s.status === "insufficient") return s.composite === null && s.grade === null;
        return s.composite !== null && s.composite >= 0 && s.composite <= 100 + 1e-9 && s.grade !== null;
      }),
      { numRuns: 500 },
    );
  });

  it("effective weights sum to 100 % and contributions to the composite when not insufficient", () => {
    fc.assert(
      fc.property(rubric, agentFacts, (r: Rubric, f) => {
        const s = scoreAgent(r, f);
        if (s.status === "insufficient") return true;
        const weights = s.metrics.reduce((sum, m) => sum + m.effectiveWeightPct, 0);
        const contributions = s.metrics.reduce((sum, m) => sum + (m.contribution ?? 0), 0);
        expect(weights).toBeCloseTo(100, 9);
        expect(contributions).toBeCloseTo(s.composite!, 9);
        // missing weight is exactly the rubric weight of the missing metrics
        expect(s.missingWeightBp).toBe(s.metrics.filter((m) => m.missing).reduce((sum, m) => sum + m.weightBp, 0));
        return true;
      }),
      { numRuns: 500 },
    );
  });

  it("improving a metric in its favourable direction never lowers the composite", () => {
    fc.assert(
      fc.property(
        rubric,
        agentFacts,
        fc.constantFrom(...Object.keys(improvements)),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (r: Rubric, f, which, amount) => {
          const before = scoreAgent(r, f);
          const better = structuredClone(f);
          improvements[which]!(better, amount);
          const after = scoreAgent(r, better);
          // samples are unchanged, so the same metrics are present
          expect(after.status).toBe(before.status);
          if (before.composite === null) return after.composite === null;
          return round9(after.composite!) >= round9(before.composite);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
