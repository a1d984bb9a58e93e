import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      { test: { name: "kpi", root: "packages/kpi", include: ["test/**/*.test.ts"], setupFiles: ["../../test/setup/no-console-error.ts"] } },
      { test: { name: "db", root: "packages/db", include: ["test/**/*.test.ts"], setupFiles: ["../../test/setup/no-console-error.ts"] } },
      { test: { name: "core", root: "packages/core", include: ["test/**/*.test.ts"], setupFiles: ["../../test/setup/no-console-error.ts"] } },
      { test: { name: "cli", root: "apps/cli", include: ["test/**/*.test.ts"], setupFiles: ["../../test/setup/no-console-error.ts"], testTimeout: 60_000 } },
      { test: { name: "web", root: "apps/web", include: ["test/**/*.test.ts"], setupFiles: ["../../test/setup/no-console-error.ts"] }, resolve: { alias: { "~/": `${import.meta.dirname}/apps/web/app/` } } },
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
    ],
    reporters: ["default", ["json", { outputFile: "test-results/vitest.json" }]],
  },
});
