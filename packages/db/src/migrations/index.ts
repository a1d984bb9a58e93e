import type { Migration } from "kysely";
import * as m0001 from "./0001_initial.ts";
import * as m0002 from "./0002_qa.ts";

/**
 * Static migrations, in order. Names sort lexically; never rename or edit a shipped one —
 * add the next number instead.
 */
export const migrations: Record<string, Migration> = {
  "0001_initial": m0001,
  "0002_qa": m0002,
};
