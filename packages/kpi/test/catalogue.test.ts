import { describe, expect, it } from "vitest";
import { METRIC_CATALOGUE, METRIC_KEYS, emptyAgentFacts } from "../src/index.ts";
import { facts } from "./helpers/facts.ts";

describe("metric catalogue: raw values from quarterly sums", () => {
  it("covers every metric key, with FRT the only per-channel metric", () => {
    expect(Object.keys(METRIC_CATALOGUE).sort()).toEqual([...METRIC_KEYS].sort());
    expect(METRIC_KEYS.filter((k) => METRIC_CATALOGUE[k].perChannel)).toEqual(["first_response_time"]);
  });

  it("directions and domains", () => {
    expect(METRIC_CATALOGUE.first_response_time).toMatchObject({ direction: "lower_is_better", unit: "seconds", domain: { min: 0, max: null } });
    expect(METRIC_CATALOGUE.first_contact_resolution).toMatchObject({ direction: "higher_is_better", unit: "percent", domain: { min: 0, max: 100 } });
    expect(METRIC_CATALOGUE.csat).toMatchObject({ direction: "higher_is_better", unit: "rating", domain: { min: 1, max: 5 } });
    expect(METRIC_CATALOGUE.qa_score).toMatchObject({ direction: "higher_is_better", unit: "pct_score", domain: { min: 0, max: 100 } });
    expect(METRIC_CATALOGUE.complaint_rate).toMatchObject({ direction: "lower_is_better", domain: { min: 0, max: 100 } });
    expect(METRIC_CATALOGUE.empathy).toMatchObject({ direction: "higher_is_better", domain: { min: 1, max: 5 } });
  });

  it("FCR is aggregated over all channels, never averaged from per-channel rates", () => {
    // phone 90/100 = 90 %, chat 1/10 = 10 %. Averaging the two rates would give 50 %;
    // the quarter's FCR is 100 · (90 + 1) / (100 + 10) = 82.727… %
    const f = facts({ channels: { phone: { resolved: 100, resolvedFirstContact: 90 }, chat: { resolved: 10, resolvedFirstContact: 1 } } });
    const c = METRIC_CATALOGUE.first_contact_resolution.compute(f);
    expect(c.raw).toBeCloseTo((100 * 91) / 110, 12);
    expect(c).toMatchObject({ sample: 110, rawSums: { resolvedFirstContact: 91, resolved: 110 } });
  });

  it("phone answer rate uses phone only: 100 · 475 / 500 = 95 %", () => {
    const f = facts({
      channels: { phone: { answerContacts: 500, answeredWithin90s: 475 }, chat: { answerContacts: 100, answeredWithin90s: 0 } },
    });
    expect(METRIC_CATALOGUE.phone_answer_rate_90s.compute(f)).toEqual({
      kind: "scalar",
      raw: 95,
      sample: 500,
      rawSums: { answeredWithin90s: 475, answerContacts: 500 },
    });
  });

  it("chat response time: 2,600 s over 100 chats = 26 s", () => {
    const f = facts({ channels: { chat: { contacts: 120, frtContacts: 100, firstResponseSecSum: 2600 } } });
    expect(METRIC_CATALOGUE.chat_response_time.compute(f)).toEqual({
      kind: "scalar",
      raw: 26,
      sample: 100,
      rawSums: { chatFirstResponseSecSum: 2600, chatFrtContacts: 100 },
    });
  });

  it("repeat contact rate and complaint rate over all channels with the value recorded", () => {
    const f = facts({
      channels: {
        phone: { repeatBaseContacts: 300, repeatContacts30d: 12, complaintBaseContacts: 300, complaints: 2 },
        email: { repeatBaseContacts: 100, repeatContacts30d: 8, complaintBaseContacts: 0, complaints: 0 },
      },
    });
    // 100 · 20 / 400 = 5 %; 100 · 2 / 300 = 0.667 %
    expect(METRIC_CATALOGUE.repeat_contact_rate.compute(f)).toMatchObject({ raw: 5, sample: 400, rawSums: { repeatContacts30d: 20, repeatBaseContacts: 400 } });
    const complaints = METRIC_CATALOGUE.complaint_rate.compute(f);
    expect(complaints.raw).toBeCloseTo(200 / 300, 12);
    expect(complaints).toMatchObject({ sample: 300, rawSums: { complaints: 2, complaintBaseContacts: 300 } });
  });

  it("item ratings: Σ 13 over 3 ratings = 4.333", () => {
    const f = facts({ itemRatings: { empathy: { ratings: 3, ratingSum: 13 } } });
    const c = METRIC_CATALOGUE.empathy.compute(f);
    expect(c.raw).toBeCloseTo(13 / 3, 12);
    expect(c).toMatchObject({ sample: 3, rawSums: { ratingSum: 13, ratings: 3 } });
    expect(METRIC_CATALOGUE.sop_compliance.compute(f)).toMatchObject({ raw: null, sample: 0 });
  });

  it("no data → raw null and sample 0 for every metric", () => {
    for (const key of METRIC_KEYS) {
      expect(METRIC_CATALOGUE[key].compute(emptyAgentFacts())).toMatchObject({ raw: null, sample: 0 });
    }
  });

  it("FRT can be restricted to the channels a rubric scores", () => {
    const f = facts({
      channels: {
        phone: { frtContacts: 10, firstResponseSecSum: 300 },
        email: { frtContacts: 5, firstResponseSecSum: 50_000 },
      },
    });
    expect(METRIC_CATALOGUE.first_response_time.compute(f, { channels: ["phone", "chat"] })).toEqual({
      kind: "per_channel",
      raw: { phone: 30 },
      countedContacts: { phone: 10 },
      sample: 10,
      rawSums: { phoneFrtContacts: 10, phoneFirstResponseSecSum: 300 },
    });
  });
});
