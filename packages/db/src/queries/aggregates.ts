import { CHANNELS, type Channel, type ChannelSums, type CsatSums, type QaSums } from "@starboard/kpi";
import { sql } from "kysely";
import type { Db } from "../database.ts";

/**
 * Quarterly (or any date range) sums straight from the fact tables. Aggregate first, score
 * second: rates are computed later from these sums, never from averaged daily rates.
 *
 * Portable SQL only (CASE WHEN, SUM, COUNT) so the same queries run on SQLite and
 * Postgres. Postgres returns SUM/COUNT of integers as strings (bigint/numeric), so every
 * number is coerced with Number() here, once.
 */

export interface AgentChannelSums extends ChannelSums {
  agentId: number;
  channel: Channel;
}

/**
 * Σ per agent and channel over interaction rows with `firstDay ≤ date ≤ lastDay` (ISO
 * dates, inclusive). Each rate's denominator counts only contacts on rows where that rate's
 * numerator is recorded (NULL = not recorded); FCR's pair counts only where both are set.
 */
export async function sumInteractionsByAgentChannel(
  db: Db,
  firstDay: string,
  lastDay: string,
): Promise<AgentChannelSums[]> {
  const rows = await db
    .selectFrom("interaction_daily")
    .where("date", ">=", firstDay)
    .where("date", "<=", lastDay)
    .groupBy(["agent_id", "channel"])
    .select([
      "agent_id",
      "channel",
      sql<number | string>`SUM(contacts)`.as("contacts"),
      sql<number | string>`SUM(CASE WHEN first_response_sec_sum IS NOT NULL THEN contacts ELSE 0 END)`.as("frt_contacts"),
      sql<number | string>`SUM(CASE WHEN first_response_sec_sum IS NOT NULL THEN first_response_sec_sum ELSE 0 END)`.as(
        "first_response_sec_sum",
      ),
      sql<number | string>`SUM(CASE WHEN answered_within_90s IS NOT NULL THEN contacts ELSE 0 END)`.as("answer_contacts"),
      sql<number | string>`SUM(CASE WHEN answered_within_90s IS NOT NULL THEN answered_within_90s ELSE 0 END)`.as(
        "answered_within_90s",
      ),
      sql<number | string>`SUM(CASE WHEN resolved IS NOT NULL AND resolved_first_contact IS NOT NULL THEN resolved ELSE 0 END)`.as(
        "resolved",
      ),
      sql<number | string>`SUM(CASE WHEN resolved IS NOT NULL AND resolved_first_contact IS NOT NULL THEN resolved_first_contact ELSE 0 END)`.as(
        "resolved_first_contact",
      ),
      sql<number | string>`SUM(CASE WHEN repeat_contacts_30d IS NOT NULL THEN contacts ELSE 0 END)`.as("repeat_base_contacts"),
      sql<number | string>`SUM(CASE WHEN repeat_contacts_30d IS NOT NULL THEN repeat_contacts_30d ELSE 0 END)`.as(
        "repeat_contacts_30d",
      ),
      sql<number | string>`SUM(CASE WHEN complaints IS NOT NULL THEN contacts ELSE 0 END)`.as("complaint_base_contacts"),
      sql<number | string>`SUM(CASE WHEN complaints IS NOT NULL THEN complaints ELSE 0 END)`.as("complaints"),
    ])
    .orderBy("agent_id")
    .orderBy("channel")
    .execute();
  return rows
    .filter((r) => (CHANNELS as readonly string[]).includes(r.channel))
    .map((r) => ({
      agentId: Number(r.agent_id),
      channel: r.channel as Channel,
      contacts: Number(r.contacts),
      frtContacts: Number(r.frt_contacts),
      firstResponseSecSum: Number(r.first_response_sec_sum),
      answerContacts: Number(r.answer_contacts),
      answeredWithin90s: Number(r.answered_within_90s),
      resolved: Number(r.resolved),
      resolvedFirstContact: Number(r.resolved_first_contact),
      repeatBaseContacts: Number(r.repeat_base_contacts),
      repeatContacts30d: Number(r.repeat_contacts_30d),
      complaintBaseContacts: Number(r.complaint_base_contacts),
      complaints: Number(r.complaints),
    }));
}

export interface AgentQaSums extends QaSums {
  agentId: number;
}

/** Σ per agent over QA evaluations dated within the range; a fatal evaluation counts as 0. */
export async function sumQaByAgent(db: Db, firstDay: string, lastDay: string): Promise<AgentQaSums[]> {
  const rows = await db
    .selectFrom("qa_evaluations")
    .where("date", ">=", firstDay)
    .where("date", "<=", lastDay)
    .groupBy("agent_id")
    .select([
      "agent_id",
      sql<number | string>`COUNT(*)`.as("evaluations"),
      sql<number | string>`SUM(CASE WHEN fatal = 1 THEN 0 ELSE score_pct END)`.as("score_pct_sum"),
      sql<number | string>`SUM(CASE WHEN fatal = 1 THEN 1 ELSE 0 END)`.as("fatal_evaluations"),
    ])
    .orderBy("agent_id")
    .execute();
  return rows.map((r) => ({
    agentId: Number(r.agent_id),
    evaluations: Number(r.evaluations),
    scorePctSum: Number(r.score_pct_sum),
    fatalEvaluations: Number(r.fatal_evaluations),
  }));
}

export interface AgentCsatSums extends CsatSums {
  agentId: number;
}

/** Number of survey responses and Σrating per agent within the range. */
export async function sumCsatByAgent(db: Db, firstDay: string, lastDay: string): Promise<AgentCsatSums[]> {
  const rows = await db
    .selectFrom("csat_responses")
    .where("date", ">=", firstDay)
    .where("date", "<=", lastDay)
    .groupBy("agent_id")
    .select(["agent_id", sql<number | string>`COUNT(*)`.as("responses"), sql<number | string>`SUM(rating)`.as("rating_sum")])
    .orderBy("agent_id")
    .execute();
  return rows.map((r) => ({ agentId: Number(r.agent_id), responses: Number(r.responses), ratingSum: Number(r.rating_sum) }));
}
