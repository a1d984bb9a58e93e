import { findRubricVersion, type RubricVersion } from "@starboard/db";
import { parseRubric, type Rubric } from "@starboard/kpi";
import type { Context } from "../context.ts";
import { DomainError } from "../errors.ts";
import { assertCanManageRubrics } from "./access.ts";

/** One stored version with its parsed rubric; not_found when there is no such version. */
export async function getRubricVersion(ctx: Context, id: number): Promise<{ version: RubricVersion; rubric: Rubric }> {
  assertCanManageRubrics(ctx.actor);
  const version = await findRubricVersion(ctx.db, id);
  if (!version) throw new DomainError("not_found", `rubric version ${id} does not exist`, { id });
  return { version, rubric: parseRubric(JSON.parse(version.definition)) };
}
