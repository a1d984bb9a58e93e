import type { Migration } from "kysely";
import * as m0001 from "./0001_initial.ts";
import * as m0002 from "./0002_qa.ts";
import * as m0003 from "./0003_cycle.ts";
import * as m0004 from "./0004_coaching.ts";
import * as m0005 from "./0005_rubric_review.ts";
import * as m0006 from "./0006_security.ts";
import * as m0007 from "./0007_performance.ts";

/**
 * Static migrations, in order. Names sort lexically; never rename or edit a shipped one —
 * add the next number instead.
 */
export const migrations: Record<string, Migration> = {
  "0001_initial": m0001,
  "0002_qa": m0002,
  "0003_cycle": m0003,
  "0004_coaching": m0004,
  "0005_rubric_review": m0005,
  "0006_security": m0006,
  "0007_performance": m0007,
};
