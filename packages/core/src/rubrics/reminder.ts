import { completedReviewHalves } from "@starboard/db";
import { type ReviewReminder, reviewReminder } from "@starboard/kpi";
import { type Context, isoNow } from "../context.ts";
import { assertCanManageRubrics } from "./access.ts";

/** Whether the semiannual rubric review of the current half is done, due or overdue (for the HR dashboard). */
export async function getReviewReminder(ctx: Context): Promise<ReviewReminder> {
  assertCanManageRubrics(ctx.actor);
  return reviewReminder(isoNow(ctx).slice(0, 10), await completedReviewHalves(ctx.db));
}
