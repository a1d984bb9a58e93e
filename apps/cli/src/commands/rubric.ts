import {
  createContext,
  getActiveRubric,
  isDomainError,
  listRubrics,
  RubricInvalidError,
  runWhatIf,
  type WhatIfReport,
} from "@starboard/core";
import { displayComposite, parseWeightOverrides, reweightRubric, type RubricIssue, type Rubric, validateRubric } from "@starboard/kpi";
import type { Command } from "commander";
import { readFile } from "node:fs/promises";
import { CliFailure, type CliDeps } from "../program.ts";

/** One side of an agent's comparison in `rubric whatif --json`. */
export interface WhatIfJsonStanding {
  /** Final composite (computed + any HR adjustment), full precision; null when insufficient. */
  composite: number | null;
  grade: string | null;
  status: string;
}

/** The `starboard rubric whatif --json` contract; customers' scripts depend on it. */
export interface WhatIfJson {
  quarters: Array<{ quarter: string; agents: Array<{ agentCode: string; before: WhatIfJsonStanding; after: WhatIfJsonStanding }> }>;
}

export function whatIfJson(report: WhatIfReport): WhatIfJson {
  return {
    quarters: report.quarters.map((q) => ({
      quarter: q.quarter,
      agents: [...q.agents]
        .sort((a, b) => (a.agentCode < b.agentCode ? -1 : a.agentCode > b.agentCode ? 1 : 0))
        .map((a) => ({
          agentCode: a.agentCode,
          before: { composite: a.before.composite, grade: a.before.grade, status: a.before.status },
          after: { composite: a.after.composite, grade: a.after.grade, status: a.after.status },
        })),
    })),
  };
}

const issueLines = (issues: readonly RubricIssue[]) => issues.map((i) => (i.path ? `  ${i.path}: ${i.message}` : `  ${i.message}`)).join("\n");

async function readRubricFile(file: string, command: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new CliFailure(`starboard rubric ${command}: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    throw new CliFailure(`starboard rubric ${command}: ${file} is not valid JSON: ${(error as Error).message}`);
  }
}

function pct(bp: number): string {
  return `${bp / 100}%`;
}

function rubricSummary(rubric: Rubric, header: string): string {
  const lines = [header, `scale: ${rubric.scale}-point`, ""];
  for (const d of rubric.dimensions) {
    lines.push(`${d.name} (${d.key})`);
    for (const m of d.metrics) lines.push(`  ${m.key.padEnd(26)} ${pct(m.weightBp).padStart(6)}  min sample ${m.minSample}  rule ${m.rule.type}`);
  }
  return lines.join("\n");
}

function fmt(composite: number | null): string {
  return composite === null ? "—" : displayComposite(composite);
}

function whatIfTable(report: WhatIfReport): string {
  const out: string[] = [];
  for (const q of report.quarters) {
    out.push(`${q.quarter}`);
    out.push(`  ${"AGENT".padEnd(10)} ${"BEFORE".padStart(7)} GR  ${"AFTER".padStart(7)} GR  CHANGE`);
    for (const a of q.agents) {
      const change = a.before.composite !== null && a.after.composite !== null ? (a.after.composite - a.before.composite).toFixed(1) : "—";
      out.push(`  ${a.agentCode.padEnd(10)} ${fmt(a.before.composite).padStart(7)} ${(a.before.grade ?? "—").padEnd(2)}  ${fmt(a.after.composite).padStart(7)} ${(a.after.grade ?? "—").padEnd(2)}  ${change}`);
    }
    const s = report.summary.quarters.find((x) => x.quarter === q.quarter)!;
    out.push(`  rank correlation ${s.rankCorrelation === null ? "—" : s.rankCorrelation.toFixed(3)}; grades changed ${s.gradeChanged}; incentive ${s.incentiveBefore.toFixed(2)} → ${s.incentiveAfter.toFixed(2)} ${report.currency}`, "");
  }
  const { nominationsGained, nominationsLost, incentiveChange } = report.summary;
  out.push(`Service Star nominations gained: ${nominationsGained.map((n) => `${n.agentCode} (${n.quarter})`).join(", ") || "none"}`);
  out.push(`Service Star nominations lost: ${nominationsLost.map((n) => `${n.agentCode} (${n.quarter})`).join(", ") || "none"}`);
  out.push(`Incentive cost change: ${incentiveChange >= 0 ? "+" : ""}${incentiveChange.toFixed(2)} ${report.currency}`);
  return out.join("\n");
}

export function registerRubric(program: Command, deps: CliDeps): void {
  const rubric = program.command("rubric").description("Versioned rubrics: list, show, validate and what-if");

  rubric
    .command("list")
    .description("List every rubric version, newest first; * marks the one in effect now")
    .option("--json", "print as JSON")
    .action(async (options: { json?: boolean }) => {
      const ctx = createContext(await deps.openDb(), deps.actor);
      const { quarter, versions } = await listRubrics(ctx);
      if (options.json) {
        deps.out(JSON.stringify({ quarter, versions }, null, 2));
        return;
      }
      const rows = versions.map((v) => [v.active ? "*" : " ", `v${v.version}`, v.status, v.effectiveFrom ?? "—", v.name]);
      const widths = [1, 4, 8, 14].map((w, i) => Math.max(w, ...rows.map((r) => r[i]!.length)));
      deps.out([`In effect for ${quarter}: *`, "", ...rows.map((r) => r.map((c, i) => (i < 4 ? c.padEnd(widths[i]!) : c)).join("  "))].join("\n"));
    });

  rubric
    .command("show")
    .description("Show the rubric in effect now (--json: the JSON that `validate` and `whatif` accept)")
    .option("--json", "print the rubric as JSON")
    .action(async (options: { json?: boolean }) => {
      const ctx = createContext(await deps.openDb(), deps.actor);
      const active = await getActiveRubric(ctx);
      deps.out(
        options.json
          ? JSON.stringify(active.rubric, null, 2)
          : rubricSummary(active.rubric, `"${active.rubric.name}" v${active.version.version}, in effect for ${active.quarter} (from ${active.version.effective_from})`),
      );
    });

  rubric
    .command("validate")
    .description("Check a rubric JSON file; exit status 1 with every problem listed")
    .argument("<file>", "rubric JSON (the format `rubric show --json` prints)")
    .action(async (file: string) => {
      const result = validateRubric(await readRubricFile(file, "validate"));
      if (!result.ok) {
        throw new CliFailure(`${file}: ${result.issues.length} ${result.issues.length === 1 ? "problem" : "problems"}\n${issueLines(result.issues)}`);
      }
      deps.out(`${file}: valid ("${result.rubric.name}", ${result.rubric.dimensions.reduce((n, d) => n + d.metrics.length, 0)} metrics, weights total 100%)`);
    });

  rubric
    .command("whatif")
    .description("Recompute calculated quarters under a draft rubric (or re-weighted active rubric) without changing stored results")
    .argument("[args...]", "<draft.json> followed by quarters (YYYY-Qn …); with --weights only the quarters")
    .option("--weights <list>", "re-weight the active rubric: metric=pct,… (must total 100)")
    .option("--json", "print the comparison as JSON")
    .action(async (args: string[], options: { weights?: string; json?: boolean }) => {
      const ctx = createContext(await deps.openDb(), deps.actor);
      let draft: unknown;
      let quarters: string[];
      if (options.weights !== undefined) {
        quarters = args;
        const parsed = parseWeightOverrides(options.weights);
        if (!parsed.ok) throw new CliFailure(`starboard rubric whatif: --weights has ${parsed.issues.length} ${parsed.issues.length === 1 ? "problem" : "problems"}\n${issueLines(parsed.issues)}`);
        const active = await getActiveRubric(ctx);
        const reweighted = reweightRubric(active.rubric, parsed.weights);
        const validation = validateRubric(reweighted.rubric);
        const issues = [...reweighted.issues, ...(validation.ok ? [] : validation.issues)];
        if (issues.length > 0) throw new CliFailure(`starboard rubric whatif: the re-weighted rubric is invalid\n${issueLines(issues)}`);
        draft = reweighted.rubric;
      } else {
        const [file, ...rest] = args;
        if (!file) throw new CliFailure("starboard rubric whatif: give a draft rubric file (or --weights) and at least one quarter, e.g. `starboard rubric whatif draft.json 2026-Q2 2026-Q3 --json`");
        quarters = rest;
        draft = await readRubricFile(file, "whatif");
      }
      if (quarters.length === 0) throw new CliFailure("starboard rubric whatif: name at least one calculated quarter, e.g. 2026-Q3");
      let report: WhatIfReport;
      try {
        report = await runWhatIf(ctx, draft, quarters);
      } catch (error) {
        if (error instanceof RubricInvalidError) throw new CliFailure(`starboard rubric whatif: the draft is invalid (${error.issues.length} ${error.issues.length === 1 ? "problem" : "problems"})\n${issueLines(error.issues)}`);
        if (isDomainError(error)) throw new CliFailure(`starboard rubric whatif: ${error.message}`);
        throw error;
      }
      deps.out(options.json ? JSON.stringify(whatIfJson(report), null, 2) : whatIfTable(report));
    });
}
