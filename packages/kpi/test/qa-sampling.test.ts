import { describe, expect, it } from "vitest";
import {
  balanceReviewers,
  isReducedMonth,
  itemDeviations,
  needsCalibration,
  planQaSample,
  randomQuota,
  type SampleContact,
} from "../src/index.ts";

describe("dual review divergence", () => {
  it("more than 20% of the form maximum apart needs calibration; exactly 20% does not", () => {
    expect(needsCalibration(90, 70, 100)).toBe(false);
    expect(needsCalibration(90, 69, 100)).toBe(true);
    expect(needsCalibration(0, 85, 100)).toBe(true);
    expect(needsCalibration(10, 8, 10)).toBe(false);
    expect(needsCalibration(10, 7, 10)).toBe(true);
  });
  it("per-item deviation: reviewer vs reviewer and vs consensus (positive = lenient)", () => {
    const d = itemDeviations([{ itemKey: "solution", maxPoints: 15 }], [{ solution: 15 }, { solution: 0 }], { solution: 12 });
    expect(d).toEqual([{ itemKey: "solution", maxPoints: 15, reviewerPoints: [15, 0], consensusPoints: 12, reviewerDelta: 15, vsConsensus: [3, -12] }]);
  });
});

describe("sampling quota", () => {
  it("1% of last month's volume, rounded up, at least 5", () => {
    expect(randomQuota(0, false)).toBe(5);
    expect(randomQuota(499, false)).toBe(5);
    expect(randomQuota(501, false)).toBe(6);
    expect(randomQuota(1200, false)).toBe(12);
    expect(randomQuota(1201, false)).toBe(13);
    expect(randomQuota(1201, true)).toBe(5);
  });
  it("full marks two months running: 5 in the third month only, normal from the fourth", () => {
    expect(isReducedMonth([])).toBe(false);
    expect(isReducedMonth([true])).toBe(false);
    expect(isReducedMonth([true, true])).toBe(true); // month 3
    expect(isReducedMonth([true, true, true])).toBe(false); // month 4: normal again
    expect(isReducedMonth([true, true, true, true])).toBe(true); // months 3 and 4 full again → month 5 reduced
    expect(isReducedMonth([false, true, true])).toBe(true);
    expect(isReducedMonth([true, false, true])).toBe(false);
  });
});

const call = (contactId: string, startedAt: string, durationSec: number, slaMissed = false, channel = "phone", agentCode = "A1"): SampleContact => ({
  contactId,
  agentCode,
  startedAt,
  channel,
  durationSec,
  slaMissed,
});

describe("sampling plan", () => {
  // 12 ordinary calls C01…C12 plus the targeted ones, for agent A1 in 2026-10.
  const ordinary = Array.from({ length: 12 }, (_, i) => call(`C${String(i + 1).padStart(2, "0")}`, `2026-10-${String(i + 2).padStart(2, "0")}T09:00:00.000Z`, 120));
  const contacts = [
    ...ordinary,
    call("LONG-MISSED", "2026-10-20T09:00:00.000Z", 201, true),
    call("LONG-OK", "2026-10-20T10:00:00.000Z", 300, false),
    call("SHORT", "2026-10-21T09:00:00.000Z", 19),
    call("CHAT-SHORT", "2026-10-21T10:00:00.000Z", 5, false, "chat"),
  ];
  const input = {
    month: "2026-10",
    seed: 42,
    agents: [{ agentCode: "A1", previousMonthContacts: 700, fullMarksHistory: [false] }],
    contacts,
    problemContacts: [call("C05", "2026-10-06T09:00:00.000Z", 120)],
  };

  it("targets long calls in missed periods, every short call, and the neighbours of a problem contact", () => {
    const [plan] = planQaSample(input);
    expect(plan!.targeted).toEqual([
      { contactId: "C04", reason: "next_to_problem" },
      { contactId: "C06", reason: "next_to_problem" },
      { contactId: "LONG-MISSED", reason: "long_call_sla_missed" },
      { contactId: "SHORT", reason: "short_call" },
    ]);
  });

  it("draws ceil(1% × 700) = 7 at random from the rest, reproducibly for the same seed", () => {
    const [plan] = planQaSample(input);
    expect(plan!.quota).toBe(7);
    expect(plan!.random).toHaveLength(7);
    const targeted = new Set(plan!.targeted.map((t) => t.contactId));
    expect(plan!.random.some((id) => targeted.has(id))).toBe(false);
    expect(new Set(plan!.random).size).toBe(7);
    expect(planQaSample(input)[0]!.random).toEqual(plan!.random);
    // A different seed gives a different draw (the pool has 14 contacts, C(14,7) = 3432 draws).
    expect(planQaSample({ ...input, seed: 43 })[0]!.random).not.toEqual(plan!.random);
  });

  it("draws everything when the month has fewer contacts than the quota", () => {
    const [plan] = planQaSample({ ...input, contacts: ordinary.slice(0, 3), problemContacts: [] });
    expect(plan).toMatchObject({ quota: 3, random: ["C01", "C02", "C03"], targeted: [] });
  });

  it("balances picks across reviewers", () => {
    expect(balanceReviewers([1, 2, 3, 4, 5], () => [7, 3])).toEqual([3, 7, 3, 7, 3]);
    expect(balanceReviewers([1, 2], (p) => (p === 1 ? [] : [9]))).toEqual([null, 9]);
  });
});
