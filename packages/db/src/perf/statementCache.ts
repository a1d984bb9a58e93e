import type SQLite from "better-sqlite3";
import type { SqliteDatabase, SqliteStatement } from "kysely";

/**
 * What Kysely's SQLite driver sees of the database: `prepare` answered from a bounded cache
 * of prepared statements keyed by their SQL text, so a query that runs on every request is
 * compiled by SQLite once, not every time (measured on a cached dashboard request: `prepare`
 * was ≈ 7 % of the server's CPU). Kysely runs one statement at a time on its single
 * connection (a mutex, also held for the length of a streamed query), so a cached statement
 * is never used by two queries at once. Raw users of the handle (`rawSqliteOf`) are not
 * affected.
 */
export function withStatementCache(sqlite: SQLite.Database, maxStatements = 500): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => {
      statements.clear();
      sqlite.close();
    },
    prepare(sql: string): SqliteStatement {
      let statement = statements.get(sql);
      if (statement) {
        statements.delete(sql); // most recently used goes last
      } else {
        statement = sqlite.prepare(sql);
        if (statements.size >= maxStatements) statements.delete(statements.keys().next().value!);
      }
      statements.set(sql, statement);
      return statement as unknown as SqliteStatement;
    },
  };
}
