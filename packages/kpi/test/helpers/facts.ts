import { type AgentFacts, type Channel, type ChannelSums, emptyAgentFacts, emptyChannelSums } from "../../src/index.ts";

/** Channel sums with everything not given at 0 (i.e. not recorded). */
export function channel(sums: Partial<ChannelSums>): ChannelSums {
  return { ...emptyChannelSums(), ...sums };
}

/** Facts from partial pieces; anything not given is empty. */
export function facts(parts: {
  channels?: Partial<Record<Channel, Partial<ChannelSums>>>;
  qa?: AgentFacts["qa"];
  csat?: AgentFacts["csat"];
  itemRatings?: AgentFacts["itemRatings"];
}): AgentFacts {
  const f = emptyAgentFacts();
  for (const [name, sums] of Object.entries(parts.channels ?? {})) f.channels[name as Channel] = channel(sums);
  if (parts.qa) f.qa = parts.qa;
  if (parts.csat) f.csat = parts.csat;
  if (parts.itemRatings) f.itemRatings = parts.itemRatings;
  return f;
}

/**
 * The brief's worked example: phone 1,200 contacts / 45,600 s; chat 800 / 20,000 s;
 * FCR 1,710 of 1,900 resolved (split 1,000/900 and 710/190 over the channels — FCR spans
 * all channels); QA 92, 88, 0 (fatal), 95; CSAT 212 responses summing 934.
 */
export const workedExampleFacts = (): AgentFacts =>
  facts({
    channels: {
      phone: { contacts: 1200, frtContacts: 1200, firstResponseSecSum: 45_600, resolved: 1000, resolvedFirstContact: 900 },
      chat: { contacts: 800, frtContacts: 800, firstResponseSecSum: 20_000, resolved: 900, resolvedFirstContact: 810 },
    },
    qa: { evaluations: 4, scorePctSum: 92 + 88 + 0 + 95, fatalEvaluations: 1 },
    csat: { responses: 212, ratingSum: 934 },
  });
