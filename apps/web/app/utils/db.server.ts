import { type DatabaseTarget, type Db, openDatabase } from "@starboard/db";
import { getEnv } from "./env.server";

let dbPromise: Promise<Db> | undefined;

function databaseTarget(): DatabaseTarget {
  const env = getEnv();
  return env.DATABASE_URL ? { engine: "postgres", url: env.DATABASE_URL } : { engine: "sqlite", file: env.STARBOARD_DB };
}

/** The process-wide database handle, opened (and migrated) lazily on first use. */
export function getDb(): Promise<Db> {
  if (!dbPromise) {
    dbPromise = openDatabase(databaseTarget()).catch((error: unknown) => {
      dbPromise = undefined; // let the next request retry
      throw error;
    });
  }
  return dbPromise;
}
