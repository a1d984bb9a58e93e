import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import type { Database } from "../tables.ts";
import { enableCopyFromStdin } from "./copyFromStdin.ts";
import { pgTypeParsers } from "./typeParsers.ts";

export interface OpenPostgresOptions {
  /** postgres://user:password@host:port/database */
  url: string;
  /** Called with the SQL of every query Kysely runs (tests count queries per request with it). */
  onQuery?: (sql: string, parameters: readonly unknown[], durationMs: number) => void;
  /** Connections in the pool (default 10). */
  poolSize?: number;
  /** Close idle connections after this many ms (default 30 s; tests use less). */
  idleTimeoutMs?: number;
}

/** Opens a Kysely handle on a Postgres connection pool. Nothing is created or migrated here. */
export function openPostgres({ url, onQuery, poolSize = 10, idleTimeoutMs = 30_000 }: OpenPostgresOptions): Kysely<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    idleTimeoutMillis: idleTimeoutMs,
    types: pgTypeParsers,
    application_name: "starboard",
  });
  // An idle client losing its connection (server restart, network) must not crash the process;
  // the pool drops it and the next query opens a new one.
  pool.on("error", () => {});
  pool.on("connect", enableCopyFromStdin); // COPY … FROM STDIN through Kysely (bulk imports)
  return new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    ...(onQuery
      ? {
          log: (event) => {
            if (event.level === "query") onQuery(event.query.sql, event.query.parameters, event.queryDurationMillis);
          },
        }
      : {}),
  });
}
