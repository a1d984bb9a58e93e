import { dropTestDatabases, prepareTemplateDatabase } from "@starboard/db/testing";

/**
 * Global setup of the *-pg Vitest projects: one migrated template database per run, shared by
 * the db-pg, core-pg and cli-pg projects (their setups run in the same main process, hence the
 * shared state), and every test database dropped after the last project is done.
 */
const shared = globalThis as { __starboardPg?: { ready: Promise<void>; users: number } };

export default async function setup(): Promise<() => Promise<void>> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error("the Postgres test projects need TEST_DATABASE_URL");
  shared.__starboardPg ??= { ready: prepareTemplateDatabase(url), users: 0 };
  shared.__starboardPg.users += 1;
  await shared.__starboardPg.ready;
  return async () => {
    const state = shared.__starboardPg!;
    state.users -= 1;
    if (state.users === 0) await dropTestDatabases(url);
  };
}
