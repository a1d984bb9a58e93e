import { openSqlite } from "@starboard/db";
import { inject } from "vitest";

export type E2eDatabase = ReturnType<typeof openSqlite>;

/** Runs `work` on the E2E server's database (its own connection, closed afterwards). */
export async function withE2eDatabase<T>(work: (db: E2eDatabase) => Promise<T>): Promise<T> {
  const db = openSqlite({ file: inject("dbPath") });
  try {
    return await work(db);
  } finally {
    await db.destroy();
  }
}
