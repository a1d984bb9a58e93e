import { appendAudit, findQuarter, listQuarterMetricResults, listQuarterResults } from "@starboard/db";
import { stringify } from "csv-stringify/sync";
import { type Context, isoNow } from "../context.ts";
import { DomainError } from "../errors.ts";
import { assertActorCan } from "../policy/actor.ts";
import { parseQuarterId } from "../cycle/step.ts";
import type { ExportFile } from "./exportIncentives.ts";
import { neutraliseCell } from "../security/neutraliseCell.ts";

/**
 * The full results of a quarter as CSV (UTF-8 BOM): one row per agent with status, computed
 * composite, adjustment, final composite, grade, team and organisation rank, and per metric
 * its raw value, points and normalised score.
 */
export async function exportResults(ctx: Context, quarterId: string): Promise<ExportFile> {
  assertActorCan(ctx, "export_incentives");
  const id = parseQuarterId(quarterId);
  const quarter = await findQuarter(ctx.db, id);
  if (!quarter?.calculated_at) throw new DomainError("not_found", `${id} has no results yet`, { quarter: id });
  const [results, metrics] = await Promise.all([listQuarterResults(ctx.db, id), listQuarterMetricResults(ctx.db, id)]);
  const metricKeys = [...new Set(metrics.map((m) => m.metric_key))].sort();
  const byAgent = new Map<number, Map<string, (typeof metrics)[number]>>();
  for (const m of metrics) {
    const map = byAgent.get(Number(m.agent_id)) ?? new Map();
    map.set(m.metric_key, m);
    byAgent.set(Number(m.agent_id), map);
  }
  const header = [
    "Quarter", "Agent code", "Agent", "Team", "Status", "Composite", "Adjustment", "Final composite", "Grade", "Team rank", "Org rank",
    ...metricKeys.flatMap((k) => [`${k} raw`, `${k} points`, `${k} normalized`]),
  ];
  const rows = results.map((r) => {
    const mine = byAgent.get(Number(r.agent_id));
    return [
      id, r.agent_code, r.agent_name, r.team_name, r.status, r.composite, r.adjustment, r.final_composite, r.grade ?? "", r.rank_team, r.rank_org,
      ...metricKeys.flatMap((k) => {
        const m = mine?.get(k);
        return [m?.raw_value ?? null, m?.points ?? null, m?.normalized ?? null];
      }),
    ];
  });
  const body = Buffer.from(stringify([header, ...rows].map((row) => row.map(neutraliseCell)), { bom: true, record_delimiter: "\r\n" }), "utf8");
  await appendAudit(ctx.db, {
    at: isoNow(ctx),
    actor_user_id: ctx.actor.userId,
    actor_label: ctx.actor.label,
    action: "export.results",
    entity: "quarter",
    entity_id: id,
    before: null,
    after: JSON.stringify({ agents: rows.length }),
  });
  return { fileName: `results-${id}.csv`, contentType: "text/csv; charset=utf-8", body };
}
