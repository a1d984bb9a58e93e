import type { MetricDirection } from "../metrics/catalogue.ts";
import type { Channel, PerChannelRule } from "../rubric/schema.ts";
import type { RuleOutcome } from "./outcome.ts";
import { applyScalarRule } from "./scalar.ts";

type PerChannelHit = Extract<RuleOutcome["hit"], { type: "per_channel" }>;

export interface ChannelRaw {
  channel: Channel;
  raw: number;
  countedContacts: number;
}

/**
 * Each channel scored with its own rule, then combined weighted by the channel's counted
 * contacts: (10·1200 + 9·800) / 2000 = 9.6. An agent who mostly takes calls is judged mostly
 * on calls. Channels without a rule, or without counted contacts, are left out.
 *
 * Throws when no channel can be scored; callers treat that case as "no data" beforehand.
 */
export function applyPerChannel(
  rule: PerChannelRule,
  channels: readonly ChannelRaw[],
  context: { direction: MetricDirection; scale: number },
): RuleOutcome<PerChannelHit> {
  const hits: PerChannelHit["channels"] = [];
  let weightedPoints = 0;
  let totalContacts = 0;
  for (const { channel, raw, countedContacts } of channels) {
    const channelRule = rule.channels[channel];
    if (!channelRule || countedContacts <= 0) continue;
    const { points, hit } = applyScalarRule(channelRule, raw, context);
    hits.push({ channel, raw, countedContacts, hit });
    weightedPoints += points * countedContacts;
    totalContacts += countedContacts;
  }
  if (totalContacts === 0) throw new RangeError("no channel with a rule and counted contacts to score");
  const points = weightedPoints / totalContacts;
  return { points, hit: { type: "per_channel", channels: hits, points } };
}
