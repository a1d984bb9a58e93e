import { DEFAULT_DEMO_SEED, DEMO_HR_EMAIL, DEMO_PASSWORD, type DemoSize, createContext, isDomainError, loadSizedDemo } from "@starboard/core";
import { CliFailure, type CliDeps, databaseLabel } from "../program.ts";
import { progressReporter } from "./progress.ts";

/** `starboard demo --size S|M|L [--seed n] [--progress]`: loads a sized dataset into an empty database. */
export async function loadSizedDemoCommand(deps: CliDeps, options: { size: DemoSize; seed: number | undefined; progress: boolean }): Promise<void> {
  const db = await deps.openDb();
  const progress = progressReporter(options.progress);
  try {
    const result = await loadSizedDemo(createContext(db, deps.actor), {
      size: options.size,
      seed: options.seed ?? DEFAULT_DEMO_SEED,
      onProgress: (message) => progress.update(`demo ${options.size}: ${message}`),
    });
    progress.done();
    deps.out(
      `Loaded the ${result.size} dataset into ${databaseLabel()} in ${(result.elapsedMs / 1000).toFixed(1)} s: ${result.teams} teams, ${result.agents} agents, ` +
        `${result.users} users; quarters ${result.quarters.join(", ")} scored and published ` +
        `(${result.interactionRows} interaction rows, ${result.qaEvaluations} QA evaluations, ${result.csatResponses} CSAT responses).`,
    );
    deps.out(
      [
        `Logins (password for all: ${DEMO_PASSWORD}):`,
        `  hr       ${DEMO_HR_EMAIL}`,
        `  manager  manager1@starboard.test … manager${Math.ceil(result.teams / 2)}@starboard.test (two teams each)`,
        `  agent    <agent code in lower case>@load.starboard.test, e.g. ${result.size.toLowerCase()}00001@load.starboard.test`,
      ].join("\n"),
    );
  } catch (error) {
    progress.done();
    if (isDomainError(error)) throw new CliFailure(`starboard demo: ${error.message}`);
    throw error;
  }
}
