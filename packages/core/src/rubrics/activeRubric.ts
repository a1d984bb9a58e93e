import { ensureDefaultRubric, findRubricForQuarter, type RubricVersion } from "@starboard/db";
import { parseRubric, quarterOfDate, type Rubric } from "@starboard/kpi";
import { type Context, isoNow } from "../context.ts";
import { DomainError } from "../errors.ts";
import { assertCanManageRubrics } from "./access.ts";

export interface ActiveRubric {
  /** The current quarter (by ctx.now, UTC date). */
  quarter: string;
  version: RubricVersion;
  rubric: Rubric;
}

/** The current quarter per the context's clock. */
export const currentQuarter = (ctx: Pick<Context, "now">): string => quarterOfDate(isoNow(ctx).slice(0, 10));

/**
 * The rubric in effect for the current quarter (the newest approved version whose first
 * quarter is on or before it). Installs the default rubric first when there is none at all.
 */
export async function getActiveRubric(ctx: Context): Promise<ActiveRubric> {
  assertCanManageRubrics(ctx.actor);
  const quarter = currentQuarter(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    await ensureDefaultRubric(trx, isoNow(ctx));
    const version = await findRubricForQuarter(trx, quarter);
    if (!version) throw new DomainError("no_rubric", `no approved rubric version is in effect for ${quarter}`, { quarter });
    return { quarter, version, rubric: parseRubric(JSON.parse(version.definition)) };
  });
}
