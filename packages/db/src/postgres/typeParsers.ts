import pg from "pg";

/**
 * node-postgres returns BIGINT (COUNT(*), SUM of integers) and NUMERIC (AVG, SUM of mixed
 * types) as strings, because they may not fit a JavaScript number. SQLite returns numbers.
 * Every count and sum Starboard reads fits easily, so they are parsed to numbers here, once,
 * for every query — callers never see the difference. A BIGINT beyond 2^53 is refused
 * rather than silently rounded: scores decide pay.
 */
function parseBigint(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`integer ${value} is too large to read exactly`);
  return n;
}

const { INT8, NUMERIC } = pg.types.builtins;

export const pgTypeParsers = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === INT8) return parseBigint;
    if (oid === NUMERIC) return Number.parseFloat;
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;
