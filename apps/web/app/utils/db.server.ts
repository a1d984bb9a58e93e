import { type Db, openDatabase } from "@starboard/db";
import { getEnv } from "./env.server";

let dbPromise: Promise<Db> | undefined;

/** The process-wide database handle, opened (and migrated) lazily on first use. */
export function getDb(): Promise<Db> {
  if (!dbPromise) {
    dbPromise = openDatabase(getEnv().STARBOARD_DB).catch((error: unknown) => {
      dbPromise = undefined; // let the next request retry
      throw error;
    });
  }
  return dbPromise;
}
