import pg from "pg";
import { migrateToLatest } from "../database.ts";
import { openPostgres } from "../postgres/openPostgres.ts";

/**
 * Test databases on Postgres are copies of one migrated template database, so each test gets
 * a fresh, fully migrated database in tens of milliseconds instead of re-running every migration.
 * The Vitest global setup of the Postgres projects (re)creates the template once per run and
 * drops every test database afterwards.
 */
/**
 * Database names carry a tag (STARBOARD_TEST_DB_TAG, default "run") so two test runs on one
 * cluster — two checkouts, say — do not drop each other's databases.
 */
function tag(): string {
  const value = process.env.STARBOARD_TEST_DB_TAG ?? "run";
  if (!/^[a-z0-9_]{1,20}$/.test(value)) throw new Error("STARBOARD_TEST_DB_TAG must be 1-20 of a-z, 0-9, _");
  return value;
}
const templateDatabase = () => `sbt_${tag()}_template`;
const testDatabasePrefix = () => `sbt_${tag()}_`;

export function databaseUrlFor(baseUrl: string, database: string): string {
  const url = new URL(baseUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Runs `run` with one client connected to `baseUrl` (a maintenance database), then closes it. */
export async function withAdminClient<T>(baseUrl: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

async function listTestDatabases(client: pg.Client): Promise<string[]> {
  const { rows } = await client.query<{ datname: string }>(
    "SELECT datname FROM pg_database WHERE starts_with(datname, $1) OR datname = $2",
    [testDatabasePrefix(), templateDatabase()],
  );
  return rows.map((r) => r.datname);
}

/** Drops the previous run's leftovers and builds the migrated template database. */
export async function prepareTemplateDatabase(baseUrl: string): Promise<void> {
  await withAdminClient(baseUrl, async (client) => {
    for (const name of await listTestDatabases(client)) {
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    }
    await client.query(`CREATE DATABASE "${templateDatabase()}"`);
  });
  const template = openPostgres({ url: databaseUrlFor(baseUrl, templateDatabase()), poolSize: 1 });
  try {
    await migrateToLatest(template);
  } finally {
    await template.destroy();
  }
}

/** Drops every test database (and the template) this cluster holds. */
export async function dropTestDatabases(baseUrl: string): Promise<void> {
  await withAdminClient(baseUrl, async (client) => {
    for (const name of await listTestDatabases(client)) {
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    }
  });
}

let counter = 0;

/** Creates a fresh database copied from the migrated template and returns its URL. */
export async function createDatabaseFromTemplate(baseUrl: string): Promise<string> {
  counter += 1;
  const name = `${testDatabasePrefix()}${process.pid}_${counter}_${Math.random().toString(36).slice(2, 8)}`;
  await withAdminClient(baseUrl, async (client) => {
    // Several test workers copy the template at once; Postgres refuses a copy while another
    // session is connected to the template, so retry briefly on that one error.
    for (let attempt = 0; ; attempt += 1) {
      try {
        await client.query(`CREATE DATABASE "${name}" TEMPLATE "${templateDatabase()}"`);
        return;
      } catch (error) {
        const message = (error as Error).message;
        if (attempt >= 50 || !/being accessed by other users/.test(message)) throw error;
        await new Promise((r) => setTimeout(r, 50 + Math.random() * 100));
      }
    }
  });
  return databaseUrlFor(baseUrl, name);
}
