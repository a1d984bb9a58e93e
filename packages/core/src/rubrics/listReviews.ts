import { findRubricReview, listRubricReviews, type RubricReview } from "@starboard/db";
import type { Context } from "../context.ts";
import { assertCanManageRubrics } from "./access.ts";
import { parseHalfId } from "./reviewShared.ts";

export async function listReviews(ctx: Context): Promise<RubricReview[]> {
  assertCanManageRubrics(ctx.actor);
  return listRubricReviews(ctx.db);
}

export async function getReview(ctx: Context, half: string): Promise<RubricReview | undefined> {
  assertCanManageRubrics(ctx.actor);
  return findRubricReview(ctx.db, parseHalfId(half));
}

