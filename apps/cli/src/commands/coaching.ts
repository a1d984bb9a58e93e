import { type CoachingSuggestions, createContext, evaluateCoachingPlans, isDomainError, type PlanEvaluation, suggestCoaching } from "@starboard/core";
import type { Command } from "commander";
import { CliFailure, type CliDeps } from "../program.ts";

/** One row of `starboard coaching suggest --json`; customers' scripts depend on this shape. */
export interface SuggestJsonRow {
  agentCode: string;
  metric: string;
  /** Normalised score 0–100 (under 70 = weak), full precision. */
  normalized: number;
  /** Names of the catalogue's active interventions for the metric, in catalogue order. */
  interventions: string[];
}

export interface SuggestJson {
  quarter: string;
  suggestions: SuggestJsonRow[];
}

/** One element of `starboard coaching evaluate --json` (a JSON array, one per plan targeting the quarter). */
export interface EvaluateJsonRow {
  agentCode: string;
  metric: string;
  target: number;
  before: number | null;
  after: number | null;
  /** target_met | improved | not_improved | no_data */
  outcome: string;
}

export function suggestJson(result: CoachingSuggestions): SuggestJson {
  return {
    quarter: result.quarter,
    suggestions: result.suggestions.map((s) => ({
      agentCode: s.agentCode,
      metric: s.metric,
      normalized: s.normalized,
      interventions: s.interventions.map((i) => i.name),
    })),
  };
}

export function evaluateJson(plans: readonly PlanEvaluation[]): EvaluateJsonRow[] {
  return plans.map((p) => ({ agentCode: p.agentCode, metric: p.metric, target: p.target, before: p.before, after: p.after, outcome: p.outcome }));
}

const two = (x: number | null) => (x === null ? "—" : x.toFixed(2));

function table(header: string, columns: string[], rows: string[][]): string {
  const widths = columns.map((c, i) => Math.max(c.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd();
  return [header, "", line(columns), ...rows.map(line)].join("\n");
}

const fail = (command: string) => (error: unknown): never => {
  if (isDomainError(error)) throw new CliFailure(`starboard coaching ${command}: ${error.message}`);
  throw error;
};

export function registerCoaching(program: Command, deps: CliDeps): void {
  const coaching = program.command("coaching").description("Coaching plans: suggestions for weak items and measured effectiveness");

  coaching
    .command("suggest")
    .description("List every weak item (a metric with data under 70/100) of a calculated quarter, with the suggested interventions")
    .argument("<quarter>", "the quarter, e.g. 2026-Q3")
    .option("--json", "print the suggestions as JSON")
    .action(async (quarter: string, options: { json?: boolean }) => {
      const db = await deps.openDb();
      const result = await suggestCoaching(createContext(db, deps.actor), { quarter }).catch(fail("suggest"));
      if (options.json) {
        deps.out(JSON.stringify(suggestJson(result), null, 2));
        return;
      }
      deps.out(
        table(
          `${result.quarter}: ${result.suggestions.length} weak item(s) under 70/100`,
          ["AGENT", "METRIC", "DIMENSION", "SCORE", "SUGGESTED"],
          result.suggestions.map((s) => [s.agentCode, s.metric, s.dimension, two(s.normalized), s.interventions.map((i) => i.name).join("; ") || "—"]),
        ),
      );
    });

  coaching
    .command("evaluate")
    .description("Evaluate every coaching plan targeting a calculated quarter: target met / improved / not improved")
    .argument("<quarter>", "the target quarter, e.g. 2026-Q3")
    .option("--json", "print the plans as JSON")
    .action(async (quarter: string, options: { json?: boolean }) => {
      const db = await deps.openDb();
      const result = await evaluateCoachingPlans(createContext(db, deps.actor), quarter).catch(fail("evaluate"));
      if (options.json) {
        deps.out(JSON.stringify(evaluateJson(result.plans), null, 2));
        return;
      }
      deps.out(
        table(
          `${result.quarter}: ${result.plans.length} coaching plan(s) evaluated`,
          ["AGENT", "METRIC", "TARGET", "BEFORE", "AFTER", "OUTCOME"],
          result.plans.map((p) => [p.agentCode, p.metric, String(p.target), two(p.before), two(p.after), p.outcome.replace(/_/g, " ")]),
        ),
      );
    });
}
