import { anonymiseLeavers, createContext, exportPersonalData, getRetentionDays, isDomainError, setRetentionDays } from "@starboard/core";
import type { Command } from "commander";
import { writeFile } from "node:fs/promises";
import { CliFailure, type CliDeps } from "../program.ts";

const wrap = async <T>(run: () => Promise<T>): Promise<T> => {
  try {
    return await run();
  } catch (error) {
    if (isDomainError(error)) throw new CliFailure(`starboard privacy: ${error.message}`, 1);
    throw error;
  }
};

/**
 * `starboard privacy retention [days]` — show or set how long leavers' personal data are kept;
 * `starboard privacy anonymise-leavers [--dry-run] [--json]`;
 * `starboard privacy export <agent_code> [--out file.json]`.
 */
export function registerPrivacy(program: Command, deps: CliDeps): void {
  const privacy = program.command("privacy").description("personal data: retention, anonymisation of leavers, export");
  privacy
    .command("retention")
    .description("show, or set, the days after a leave date before personal data are anonymised (30–3650)")
    .argument("[days]")
    .action(async (days: string | undefined) => {
      const db = await deps.openDb();
      if (days !== undefined) {
        if (!/^\d+$/.test(days)) throw new CliFailure(`starboard privacy: "${days}" is not a whole number of days`, 1);
        await wrap(() => setRetentionDays(createContext(db, deps.actor), Number(days)));
      }
      deps.out(`leavers' personal data are kept ${await getRetentionDays(db)} days after their leave date`);
    });
  privacy
    .command("anonymise-leavers")
    .description("anonymise the personal data of agents who left more than the retention period ago (aggregates kept)")
    .option("--dry-run", "only count who is due")
    .option("--json", "print {retentionDays, cutoffDate, anonymised, dryRun}")
    .action(async (options: { dryRun?: boolean; json?: boolean }) => {
      const db = await deps.openDb();
      const report = await wrap(() => anonymiseLeavers(createContext(db, deps.actor), { dryRun: options.dryRun === true }));
      if (options.json) deps.out(JSON.stringify(report));
      else
        deps.out(
          `${report.dryRun ? "would anonymise" : "anonymised"} ${report.anonymised} leaver${report.anonymised === 1 ? "" : "s"} ` +
            `(left before ${report.cutoffDate}; retention ${report.retentionDays} days)`,
        );
    });
  privacy
    .command("export")
    .description("everything held about one person, as JSON (stdout, or --out)")
    .argument("<agent_code>")
    .option("--out <file>", "write to this file instead of stdout")
    .action(async (agentCode: string, options: { out?: string }) => {
      const db = await deps.openDb();
      const data = await wrap(() => exportPersonalData(createContext(db, deps.actor), agentCode));
      const text = JSON.stringify(data, null, 2);
      if (options.out) {
        await writeFile(options.out, `${text}\n`, { mode: 0o600 });
        deps.out(`wrote ${options.out}`);
      } else deps.out(text);
    });
}
