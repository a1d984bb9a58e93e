import { type Db, lastFactDate } from "@starboard/db";
import {
  emptyAgentFacts,
  meetsTarget,
  type MetricComputation,
  type MetricKey,
  METRIC_CATALOGUE,
  quarterEnd,
  quarterStart,
} from "@starboard/kpi";
import { loadAgentFacts } from "../scoring/facts.ts";

export interface ProgressCheckpoint {
  /** Quarter-to-date through this day (inclusive). */
  through: string;
  /** The metric's raw value over the quarter so far; null when no data. */
  value: number | null;
  sample: number;
}

export interface PlanProgress {
  quarter: string;
  firstDay: string;
  /** Last day counted: today, or the quarter's end if it is over. */
  lastDay: string;
  /** Newest imported day with data for the agent in the range; null when none yet. */
  dataThrough: string | null;
  /** Quarter-to-date value now. */
  current: ProgressCheckpoint;
  /** Quarter-to-date at each month end passed so far (for the trend), oldest first. */
  checkpoints: ProgressCheckpoint[];
  /** Whether the quarter-to-date value already meets the target; null without data. */
  onTrack: boolean | null;
}

/** A single number for a metric's computation: per-channel averages become their contact-weighted mean (as stored results do). */
export function computationValue(c: MetricComputation): number | null {
  if (c.kind === "scalar") return c.raw;
  if (c.raw === null) return null;
  let weighted = 0;
  let contacts = 0;
  for (const [channel, avg] of Object.entries(c.raw)) {
    const counted = c.countedContacts[channel as keyof typeof c.countedContacts] ?? 0;
    if (avg === undefined || counted === 0) continue;
    weighted += avg * counted;
    contacts += counted;
  }
  return contacts > 0 ? weighted / contacts : null;
}

async function quarterToDate(db: Db, agentId: number, metric: MetricKey, firstDay: string, through: string): Promise<ProgressCheckpoint> {
  const facts = (await loadAgentFacts(db, firstDay, through)).get(agentId) ?? emptyAgentFacts();
  const computation = METRIC_CATALOGUE[metric].compute(facts);
  return { through, value: computationValue(computation), sample: computation.sample };
}

/**
 * An agent's progress on a plan's target metric during the target quarter, from the imported
 * daily data: the same aggregate-first sums and catalogue computation as scoring, over the
 * quarter's first day to `today` (ISO date). Before the quarter starts there is nothing yet.
 */
export async function planProgress(
  db: Db,
  plan: { agentId: number; metric: MetricKey; target: number; targetQuarter: string },
  today: string,
): Promise<PlanProgress | null> {
  const firstDay = quarterStart(plan.targetQuarter);
  if (today < firstDay) return null;
  const end = quarterEnd(plan.targetQuarter);
  const lastDay = today < end ? today : end;
  const monthEnds = [1, 2]
    .map((m) => {
      const d = new Date(`${firstDay}T00:00:00Z`);
      d.setUTCMonth(d.getUTCMonth() + m, 0);
      return d.toISOString().slice(0, 10);
    })
    .filter((d) => d < lastDay);
  const [current, dataThrough, ...checkpoints] = await Promise.all([
    quarterToDate(db, plan.agentId, plan.metric, firstDay, lastDay),
    lastFactDate(db, plan.agentId, firstDay, lastDay),
    ...monthEnds.map((d) => quarterToDate(db, plan.agentId, plan.metric, firstDay, d)),
  ]);
  const direction = METRIC_CATALOGUE[plan.metric].direction;
  return {
    quarter: plan.targetQuarter,
    firstDay,
    lastDay,
    dataThrough: dataThrough as string | null,
    current: current as ProgressCheckpoint,
    checkpoints: [...(checkpoints as ProgressCheckpoint[]), current as ProgressCheckpoint],
    onTrack: (current as ProgressCheckpoint).value === null ? null : meetsTarget(direction, (current as ProgressCheckpoint).value!, plan.target),
  };
}
