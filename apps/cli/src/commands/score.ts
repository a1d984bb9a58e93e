import { createContext, isDomainError, type QuarterScoreReport, scoreQuarter } from "@starboard/core";
import { type Channel, displayComposite } from "@starboard/kpi";
import type { Command } from "commander";
import { CliFailure, type CliDeps } from "../program.ts";

/** One metric in `score --json`: weights in percent, raw null when there is no data. */
export interface ScoreJsonMetric {
  raw: number | Partial<Record<Channel, number>> | null;
  points: number | null;
  normalized: number | null;
  /** The rubric's weight in percent (15, not 1500). */
  weight: number;
  /** Percent of the composite after redistributing missing weight. */
  effectiveWeight: number;
  missing: boolean;
  sample: number;
}

export interface ScoreJsonAgent {
  agentCode: string;
  composite: number | null;
  grade: string | null;
  status: string;
  metrics: Record<string, ScoreJsonMetric>;
}

/** The `starboard score --json` contract; customers' scripts depend on it — change nothing lightly. */
export interface ScoreJson {
  quarter: string;
  rubric: { name: string; version: number };
  agents: ScoreJsonAgent[];
}

export function scoreJson(report: QuarterScoreReport): ScoreJson {
  const agents = [...report.agents].sort((a, b) => (a.agentCode < b.agentCode ? -1 : a.agentCode > b.agentCode ? 1 : 0));
  return {
    quarter: report.quarter,
    rubric: { name: report.rubric.name, version: report.rubric.version },
    agents: agents.map((a) => ({
      agentCode: a.agentCode,
      composite: a.composite,
      grade: a.grade,
      status: a.status,
      metrics: Object.fromEntries(
        a.score.metrics.map((m) => [
          m.key,
          {
            raw: m.raw,
            points: m.points,
            normalized: m.normalized,
            weight: m.weightBp / 100,
            effectiveWeight: m.effectiveWeightPct,
            missing: m.missing !== null,
            sample: m.sample,
          } satisfies ScoreJsonMetric,
        ]),
      ),
    })),
  };
}

const pad = (s: string, width: number) => s.padEnd(width);

/** The readable summary printed without --json. */
export function scoreTable(report: QuarterScoreReport): string {
  const counts = { complete: 0, incomplete: 0, insufficient: 0 };
  for (const a of report.agents) counts[a.status] += 1;
  const header = `${report.quarter} scored with "${report.rubric.name}" v${report.rubric.version}: ${report.agents.length} agents (${counts.complete} complete, ${counts.incomplete} incomplete, ${counts.insufficient} insufficient)`;
  const columns = ["AGENT", "NAME", "TEAM", "SCORE", "GRADE", "STATUS", "TEAM RANK", "ORG RANK"];
  const rows = report.agents.map((a) => [
    a.agentCode,
    a.agentName,
    a.teamName,
    a.finalComposite === null ? "—" : displayComposite(a.finalComposite),
    a.grade ?? "—",
    a.status,
    a.rankTeam === null ? "—" : String(a.rankTeam),
    a.rankOrg === null ? "—" : String(a.rankOrg),
  ]);
  const widths = columns.map((c, i) => Math.max(c.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => pad(c, widths[i]!)).join("  ").trimEnd();
  return [header, "", line(columns), ...rows.map(line)].join("\n");
}

export function registerScore(program: Command, deps: CliDeps): void {
  program
    .command("score")
    .description("Calculate a quarter's scores for every active agent (recalculation is allowed until the quarter is locked)")
    .argument("<quarter>", "the quarter, e.g. 2026-Q1")
    .option("--json", "print the results as JSON")
    .action(async (quarter: string, options: { json?: boolean }) => {
      const db = await deps.openDb();
      let report: QuarterScoreReport;
      try {
        report = await scoreQuarter(createContext(db, deps.actor), quarter);
      } catch (error) {
        if (isDomainError(error)) throw new CliFailure(`starboard score: ${error.message}`);
        throw error;
      }
      deps.out(options.json ? JSON.stringify(scoreJson(report), null, 2) : scoreTable(report));
    });
}
