import { DEMO_HR_EMAIL, DEMO_PASSWORD, createContext, demoLogins, isDomainError, loadDemo } from "@starboard/core";
import { loadSizedDemoCommand } from "../perf/sizedDemo.ts";
import { findUserByEmail, listAgents } from "@starboard/db";
import { type Command, Option } from "commander";
import { CliFailure, type CliDeps, databaseLabel } from "../program.ts";

function loginsText(): string {
  const logins = demoLogins();
  const width = Math.max(...logins.map((l) => l.email.length));
  return [
    `Demo logins (password for all: ${DEMO_PASSWORD}):`,
    ...logins.map((l) => `  ${l.role.padEnd(8)} ${l.email.padEnd(width)}  ${l.note}`),
    "  Every agent signs in as <agent code in lower case>@starboard.test, e.g. ag001@starboard.test.",
  ].join("\n");
}

export function registerDemo(program: Command, deps: CliDeps): void {
  program
    .command("demo")
    .description("Load the demo organisation (60 agents, 6 teams, 4 published quarters) into an empty database")
    .option("--seed <n>", "seed of the data generator (same seed, same data)")
    .option("--if-empty", "load only when the database has no agents yet (used by npm start)")
    .addOption(new Option("--size <size>", "a sized dataset for load tests: S (100 agents), M (500), L (2,000 agents, 8 quarters)").choices(["S", "M", "L"]))
    .option("--progress", "with --size: show progress on stderr even when it is not a terminal")
    .action(async (options: { seed?: string; ifEmpty?: boolean; size?: "S" | "M" | "L"; progress?: boolean }) => {
      let seed: number | undefined;
      if (options.seed !== undefined) {
        if (!/^\d+$/.test(options.seed)) throw new CliFailure(`starboard demo: --seed must be a whole number, got "${options.seed}"`);
        seed = Number(options.seed);
      }
      const db = await deps.openDb();
      if (options.ifEmpty && (await listAgents(db)).length > 0) {
        if (options.size === undefined && (await findUserByEmail(db, DEMO_HR_EMAIL))) deps.out(loginsText());
        else deps.out(`${databaseLabel()} already holds an organisation; the demo data was not loaded.`);
        return;
      }
      if (options.size !== undefined) {
        await loadSizedDemoCommand(deps, { size: options.size, seed, progress: options.progress === true });
        return;
      }
      try {
        const result = await loadDemo(createContext(db, deps.actor), seed === undefined ? {} : { seed });
        if (result.status === "already_loaded") {
          deps.out(`The demo data is already loaded in ${databaseLabel()}; nothing changed.`);
        } else {
          deps.out(
            `Loaded the demo into ${databaseLabel()} in ${(result.elapsedMs / 1000).toFixed(1)} s: ${result.teams} teams, ${result.agents} agents, ` +
              `${result.users} users; quarters ${result.quarters.join(", ")} scored and published ` +
              `(${result.interactionRows} interaction rows, ${result.qaEvaluations} QA evaluations, ${result.csatResponses} CSAT responses).`,
          );
        }
      } catch (error) {
        if (isDomainError(error)) throw new CliFailure(`starboard demo: ${error.message}`);
        throw error;
      }
      deps.out(loginsText());
    });
}
