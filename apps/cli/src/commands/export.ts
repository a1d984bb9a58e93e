import { createContext, EXPORT_FORMATS, type ExportFormat, exportIncentives, exportResults, isDomainError } from "@starboard/core";
import type { Command } from "commander";
import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { CliFailure, type CliDeps } from "../program.ts";

export function registerExport(program: Command, deps: CliDeps): void {
  const exportCmd = program.command("export").description("Export a quarter's incentive payout or full results");
  exportCmd
    .command("incentives")
    .description("Approved awards plus grade bonus per agent, with team totals (locked or published quarters)")
    .argument("<quarter>", "the quarter, e.g. 2026-Q1")
    .requiredOption("--format <format>", "csv or xlsx")
    .requiredOption("--out <file>", "where to write the file")
    .action(async (quarter: string, options: { format: string; out: string }) => {
      if (!(EXPORT_FORMATS as readonly string[]).includes(options.format)) throw new CliFailure(`starboard export: unknown format "${options.format}" (csv or xlsx)`, 2);
      const db = await deps.openDb();
      try {
        const file = await exportIncentives(createContext(db, deps.actor), quarter, options.format as ExportFormat);
        await writeFile(resolve(options.out), file.body);
        deps.out(`${file.report.quarter}: ${file.report.lines.length} payout lines, total ${file.report.total.toFixed(2)} ${file.report.currency} → ${options.out}`);
      } catch (error) {
        if (isDomainError(error)) throw new CliFailure(`starboard export: ${error.message}`);
        throw error;
      }
    });
  exportCmd
    .command("results")
    .description("Every agent's metrics, composite, adjustment, final, grade and ranks as CSV")
    .argument("<quarter>", "the quarter, e.g. 2026-Q1")
    .requiredOption("--out <file>", "where to write the CSV")
    .action(async (quarter: string, options: { out: string }) => {
      const db = await deps.openDb();
      try {
        const file = await exportResults(createContext(db, deps.actor), quarter);
        await writeFile(resolve(options.out), file.body);
        deps.out(`${quarter}: results → ${options.out}`);
      } catch (error) {
        if (isDomainError(error)) throw new CliFailure(`starboard export: ${error.message}`);
        throw error;
      }
    });
}
