import { defineConfig } from "vitest/config";

const noConsoleError = "../../test/setup/no-console-error.ts";

const sqliteProjects = [
  { test: { name: "kpi", root: "packages/kpi", include: ["test/**/*.test.ts"], setupFiles: [noConsoleError] } },
  { test: { name: "db", root: "packages/db", include: ["test/**/*.test.ts"], setupFiles: [noConsoleError] } },
  { test: { name: "core", root: "packages/core", include: ["test/**/*.test.ts"], setupFiles: [noConsoleError] } },
  { test: { name: "cli", root: "apps/cli", include: ["test/**/*.test.ts"], setupFiles: [noConsoleError], testTimeout: 60_000 } },
  {
    test: { name: "web", root: "apps/web", include: ["test/**/*.test.ts"], setupFiles: [noConsoleError] },
    // The page-cache test imports web models, which use the app's "~/" alias.
    resolve: { alias: { "~/": `${import.meta.dirname}/apps/web/app/` } },
  },
  {
    test: {
      name: "e2e",
      root: "test/e2e",
      include: ["**/*.test.ts"],
      setupFiles: ["../setup/no-console-error.ts"],
      globalSetup: ["./global-setup.ts"],
      testTimeout: 60_000,
      hookTimeout: 120_000,
      fileParallelism: false,
    },
  },
];

/**
 * With TEST_DATABASE_URL set (a Postgres cluster the tests may create databases in), the db,
 * core and CLI suites run a second time against Postgres; see docs/decisions/070.
 */
const postgresProjects = process.env.TEST_DATABASE_URL
  ? (["db", "core", "cli"] as const).map((name) => {
      const base = sqliteProjects.find((p) => p.test.name === name)!;
      return {
        test: {
          ...base.test,
          name: `${name}-pg`,
          env: { STARBOARD_TEST_ENGINE: "postgres" },
          globalSetup: ["../../test/setup/postgres-global.ts"],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      };
    })
  : [];

/**
 * `npm test` runs two phases (STARBOARD_VITEST_PHASE): "units" — every project but E2E, three
 * workers (Vitest's default, cores − 1, is one worker on a 2-core machine, and most suites wait
 * on child processes: the CLI, servers, Postgres) — then "e2e", whose files share one server and
 * database and so run one at a time. Without a phase, every project runs (default workers).
 */
const phase = process.env.STARBOARD_VITEST_PHASE;
const allProjects = [...sqliteProjects, ...postgresProjects];
const projects =
  phase === "units" ? allProjects.filter((p) => p.test.name !== "e2e") : phase === "e2e" ? allProjects.filter((p) => p.test.name === "e2e") : allProjects;

export default defineConfig({
  test: {
    projects,
    ...(phase === "units" ? { maxWorkers: 3, minWorkers: 1 } : {}),
    reporters: ["default", ["json", { outputFile: `test-results/vitest${phase ? `-${phase}` : ""}.json` }]],
  },
});
