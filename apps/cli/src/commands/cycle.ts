import { createContext, isDomainError, LockBlockedError, runCycleStep } from "@starboard/core";
import { CYCLE_STEPS, type CycleStep } from "@starboard/kpi";
import type { Command } from "commander";
import { CliFailure, type CliDeps } from "../program.ts";

const STEPS_USAGE = "collect|calculate|review|lock|publish (or reopen --reason …)";

export function registerCycle(program: Command, deps: CliDeps): void {
  program
    .command("cycle")
    .description("Move a quarter one step through the appraisal cycle: draft → collecting → calculated → in review → locked → published")
    .argument("<quarter>", "the quarter, e.g. 2026-Q1")
    .argument("<step>", STEPS_USAGE)
    .option("--reason <text>", "why (required to reopen a locked or published quarter)")
    .action(async (quarter: string, step: string, options: { reason?: string }) => {
      if (!(CYCLE_STEPS as readonly string[]).includes(step)) {
        throw new CliFailure(`starboard cycle: unknown step "${step}" (${STEPS_USAGE})`, 2);
      }
      const db = await deps.openDb();
      try {
        const result = await runCycleStep(createContext(db, deps.actor), quarter, step as CycleStep, options.reason);
        const extra =
          result.agents !== undefined ? ` (${result.agents} agents scored)` : result.nominations !== undefined ? ` (${result.nominations} award nominations)` : "";
        deps.out(`${result.quarter}: ${result.from.replace("_", " ")} → ${result.to.replace("_", " ")}${extra}`);
      } catch (error) {
        if (error instanceof LockBlockedError) throw new CliFailure(`starboard cycle: ${error.message}`);
        if (isDomainError(error)) throw new CliFailure(`starboard cycle: ${error.message}`);
        throw error;
      }
    });
}
