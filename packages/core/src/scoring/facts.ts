import { sumCsatByAgent, sumInteractionsByAgentChannel, sumQaByAgent, type Db } from "@starboard/db";
import { type AgentFacts, emptyAgentFacts } from "@starboard/kpi";

/**
 * Builds the engine's facts for every agent with any data in the date range (inclusive ISO
 * dates), from three GROUP BY queries. Agents without data are absent from the map; the
 * caller gives them `emptyAgentFacts()`.
 */
export async function loadAgentFacts(db: Db, firstDay: string, lastDay: string): Promise<Map<number, AgentFacts>> {
  const facts = new Map<number, AgentFacts>();
  const of = (agentId: number): AgentFacts => {
    let f = facts.get(agentId);
    if (!f) facts.set(agentId, (f = emptyAgentFacts()));
    return f;
  };
  for (const { agentId, channel, ...sums } of await sumInteractionsByAgentChannel(db, firstDay, lastDay)) {
    of(agentId).channels[channel] = sums;
  }
  for (const { agentId, ...sums } of await sumQaByAgent(db, firstDay, lastDay)) of(agentId).qa = sums;
  for (const { agentId, ...sums } of await sumCsatByAgent(db, firstDay, lastDay)) of(agentId).csat = sums;
  return facts;
}
