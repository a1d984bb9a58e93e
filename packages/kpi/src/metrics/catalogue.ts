import { CHANNELS, type Channel, type ItemRatedMetricKey, type MetricKey } from "../rubric/schema.ts";
import type { AgentFacts, ChannelSums } from "./facts.ts";

export type MetricDirection = "higher_is_better" | "lower_is_better";
export type MetricUnit = "seconds" | "percent" | "rating" | "pct_score";

/** The values a metric's raw value can take; `max: null` is unbounded (e.g. seconds). */
export interface MetricDomain {
  min: number;
  max: number | null;
}

/** A single number per agent (FCR %, CSAT mean…). `raw` is null when the denominator is 0. */
export interface ScalarComputation {
  kind: "scalar";
  raw: number | null;
  /** The count behind the value, compared with the rubric's minSample. */
  sample: number;
  /** The sums the raw value comes from, named for the explanation. */
  rawSums: Record<string, number>;
}

/**
 * One average per channel (first response time). Only channels with counted contacts appear
 * in `raw` and `countedContacts`; `raw` is null when no channel has any.
 */
export interface PerChannelComputation {
  kind: "per_channel";
  raw: Partial<Record<Channel, number>> | null;
  /** Contacts behind each channel's average; they weight the channel's points. */
  countedContacts: Partial<Record<Channel, number>>;
  sample: number;
  rawSums: Record<string, number>;
}

export type MetricComputation = ScalarComputation | PerChannelComputation;

export interface ComputeOptions {
  /**
   * Per-channel metrics only: the channels to include (those the rubric has a rule for).
   * Contacts on other channels are then not scored, not counted in the sample and not shown.
   */
  channels?: readonly Channel[];
}

export interface MetricDefinition {
  key: MetricKey;
  /** English name as a contact-centre manager would say it; the UI translates by key. */
  label: string;
  direction: MetricDirection;
  unit: MetricUnit;
  domain: MetricDomain;
  /** True only for first_response_time, whose rule is given per channel. */
  perChannel: boolean;
  compute(facts: AgentFacts, options?: ComputeOptions): MetricComputation;
}

const PERCENT: MetricDomain = { min: 0, max: 100 };
const RATING: MetricDomain = { min: 1, max: 5 };
const SECONDS: MetricDomain = { min: 0, max: null };

/** Σ of one field over every channel present in the facts (FCR, repeat and complaint rates span all channels). */
function sumOverChannels(facts: AgentFacts, field: keyof ChannelSums): number {
  let total = 0;
  for (const channel of CHANNELS) total += facts.channels[channel]?.[field] ?? 0;
  return total;
}

/**
 * numerator / denominator × factor, or null when nothing was counted. Division happens once,
 * on the quarter's sums (aggregate first, score second), never on daily rates.
 */
function ratio(numerator: number, denominator: number, factor = 1): number | null {
  return denominator > 0 ? (factor * numerator) / denominator : null;
}

function scalar(raw: number | null, sample: number, rawSums: Record<string, number>): ScalarComputation {
  return { kind: "scalar", raw, sample, rawSums };
}

/** Average first response per channel = Σfirst_response_sec_sum / Σcontacts whose FRT was recorded. */
function computeFirstResponseTime(facts: AgentFacts, options?: ComputeOptions): PerChannelComputation {
  const raw: Partial<Record<Channel, number>> = {};
  const countedContacts: Partial<Record<Channel, number>> = {};
  const rawSums: Record<string, number> = {};
  let sample = 0;
  for (const channel of options?.channels ?? CHANNELS) {
    const sums = facts.channels[channel];
    // A channel with no counted contacts contributes nothing (not even a 0-second average).
    if (!sums || sums.frtContacts <= 0) continue;
    raw[channel] = sums.firstResponseSecSum / sums.frtContacts;
    countedContacts[channel] = sums.frtContacts;
    rawSums[`${channel}FrtContacts`] = sums.frtContacts;
    rawSums[`${channel}FirstResponseSecSum`] = sums.firstResponseSecSum;
    sample += sums.frtContacts;
  }
  return { kind: "per_channel", raw: sample > 0 ? raw : null, countedContacts, sample, rawSums };
}

function itemRated(key: ItemRatedMetricKey, label: string): MetricDefinition {
  return {
    key,
    label,
    direction: "higher_is_better",
    unit: "rating",
    domain: RATING,
    perChannel: false,
    compute(facts) {
      const sums = facts.itemRatings[key] ?? { ratings: 0, ratingSum: 0 };
      return scalar(ratio(sums.ratingSum, sums.ratings), sums.ratings, { ratingSum: sums.ratingSum, ratings: sums.ratings });
    },
  };
}

/** How every metric's raw value is computed from an agent's quarterly sums, and what it means. */
export const METRIC_CATALOGUE: Readonly<Record<MetricKey, MetricDefinition>> = Object.freeze({
  first_response_time: {
    key: "first_response_time",
    label: "First response time",
    direction: "lower_is_better",
    unit: "seconds",
    domain: SECONDS,
    perChannel: true,
    compute: computeFirstResponseTime,
  },
  first_contact_resolution: {
    key: "first_contact_resolution",
    label: "First contact resolution",
    direction: "higher_is_better",
    unit: "percent",
    domain: PERCENT,
    perChannel: false,
    compute(facts) {
      const resolvedFirstContact = sumOverChannels(facts, "resolvedFirstContact");
      const resolved = sumOverChannels(facts, "resolved");
      return scalar(ratio(resolvedFirstContact, resolved, 100), resolved, { resolvedFirstContact, resolved });
    },
  },
  qa_score: {
    key: "qa_score",
    label: "QA score",
    direction: "higher_is_better",
    unit: "pct_score",
    domain: PERCENT,
    perChannel: false,
    compute({ qa }) {
      // scorePctSum already counts fatal evaluations as 0; fatalEvaluations is shown, not re-applied.
      return scalar(ratio(qa.scorePctSum, qa.evaluations), qa.evaluations, {
        scorePctSum: qa.scorePctSum,
        evaluations: qa.evaluations,
        fatalEvaluations: qa.fatalEvaluations,
      });
    },
  },
  csat: {
    key: "csat",
    label: "Customer satisfaction (CSAT)",
    direction: "higher_is_better",
    unit: "rating",
    domain: RATING,
    perChannel: false,
    compute({ csat }) {
      return scalar(ratio(csat.ratingSum, csat.responses), csat.responses, {
        ratingSum: csat.ratingSum,
        responses: csat.responses,
      });
    },
  },
  phone_answer_rate_90s: {
    key: "phone_answer_rate_90s",
    label: "Phone calls answered within 90 s",
    direction: "higher_is_better",
    unit: "percent",
    domain: PERCENT,
    perChannel: false,
    compute(facts) {
      const answeredWithin90s = facts.channels.phone?.answeredWithin90s ?? 0;
      const answerContacts = facts.channels.phone?.answerContacts ?? 0;
      return scalar(ratio(answeredWithin90s, answerContacts, 100), answerContacts, { answeredWithin90s, answerContacts });
    },
  },
  chat_response_time: {
    key: "chat_response_time",
    label: "Chat response time",
    direction: "lower_is_better",
    unit: "seconds",
    domain: SECONDS,
    perChannel: false,
    compute(facts) {
      const chatFirstResponseSecSum = facts.channels.chat?.firstResponseSecSum ?? 0;
      const chatFrtContacts = facts.channels.chat?.frtContacts ?? 0;
      return scalar(ratio(chatFirstResponseSecSum, chatFrtContacts), chatFrtContacts, {
        chatFirstResponseSecSum,
        chatFrtContacts,
      });
    },
  },
  repeat_contact_rate: {
    key: "repeat_contact_rate",
    label: "Repeat contacts within 30 days",
    direction: "lower_is_better",
    unit: "percent",
    domain: PERCENT,
    perChannel: false,
    compute(facts) {
      const repeatContacts30d = sumOverChannels(facts, "repeatContacts30d");
      const repeatBaseContacts = sumOverChannels(facts, "repeatBaseContacts");
      return scalar(ratio(repeatContacts30d, repeatBaseContacts, 100), repeatBaseContacts, {
        repeatContacts30d,
        repeatBaseContacts,
      });
    },
  },
  complaint_rate: {
    key: "complaint_rate",
    label: "Complaint rate",
    direction: "lower_is_better",
    unit: "percent",
    domain: PERCENT,
    perChannel: false,
    compute(facts) {
      const complaints = sumOverChannels(facts, "complaints");
      const complaintBaseContacts = sumOverChannels(facts, "complaintBaseContacts");
      return scalar(ratio(complaints, complaintBaseContacts, 100), complaintBaseContacts, {
        complaints,
        complaintBaseContacts,
      });
    },
  },
  knowledge_accuracy: itemRated("knowledge_accuracy", "Knowledge accuracy"),
  tone_patience: itemRated("tone_patience", "Tone and patience"),
  empathy: itemRated("empathy", "Empathy"),
  sop_compliance: itemRated("sop_compliance", "SOP compliance"),
  record_completeness: itemRated("record_completeness", "Record completeness"),
});
