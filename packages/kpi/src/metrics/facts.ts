import type { Channel, ItemRatedMetricKey } from "../rubric/schema.ts";

/**
 * Quarterly sums for one agent and one channel, as produced by a GROUP BY over the daily
 * interaction rows. Each rate's denominator only counts contacts on rows where that
 * rate's numerator was recorded (an empty cell means "not recorded", not zero).
 */
export interface ChannelSums {
  /** All handled contacts. */
  contacts: number;
  /** Contacts on rows with first_response_sec_sum recorded. */
  frtContacts: number;
  firstResponseSecSum: number;
  /** Contacts on rows with answered_within_90s recorded. */
  answerContacts: number;
  answeredWithin90s: number;
  /** Σresolved and Σresolved_first_contact over rows where the pair is recorded. */
  resolved: number;
  resolvedFirstContact: number;
  /** Contacts on rows with repeat_contacts_30d recorded. */
  repeatBaseContacts: number;
  repeatContacts30d: number;
  /** Contacts on rows with complaints recorded. */
  complaintBaseContacts: number;
  complaints: number;
}

export interface QaSums {
  /** Number of finished evaluations counted for the quarter. */
  evaluations: number;
  /** Σ score_pct with fatal evaluations counted as 0. */
  scorePctSum: number;
  fatalEvaluations: number;
}

export interface CsatSums {
  responses: number;
  ratingSum: number;
}

export interface ItemRatingSums {
  ratings: number;
  ratingSum: number;
}

/** Everything the engine needs to score one agent for one quarter. */
export interface AgentFacts {
  channels: Partial<Record<Channel, ChannelSums>>;
  qa: QaSums;
  csat: CsatSums;
  itemRatings: Partial<Record<ItemRatedMetricKey, ItemRatingSums>>;
}

export const emptyChannelSums = (): ChannelSums => ({
  contacts: 0,
  frtContacts: 0,
  firstResponseSecSum: 0,
  answerContacts: 0,
  answeredWithin90s: 0,
  resolved: 0,
  resolvedFirstContact: 0,
  repeatBaseContacts: 0,
  repeatContacts30d: 0,
  complaintBaseContacts: 0,
  complaints: 0,
});

export const emptyAgentFacts = (): AgentFacts => ({
  channels: {},
  qa: { evaluations: 0, scorePctSum: 0, fatalEvaluations: 0 },
  csat: { responses: 0, ratingSum: 0 },
  itemRatings: {},
});
