import { appendAudit, findRubricVersion, type RubricVersion, updateDraftRubricVersion } from "@starboard/db";
import { validateRubric } from "@starboard/kpi";
import { type Context, isoNow } from "../context.ts";
import { DomainError } from "../errors.ts";
import { assertCanManageRubrics } from "./access.ts";
import { RubricInvalidError } from "./errors.ts";

/**
 * Saves a new definition for a draft. The definition must validate completely (weights total
 * 100 %, bands contiguous and covering the domain, sensible thresholds): an invalid draft is
 * refused with every problem, and nothing is written. Approved versions are immutable.
 */
export async function updateRubricDraft(ctx: Context, versionId: number, definition: unknown): Promise<RubricVersion> {
  assertCanManageRubrics(ctx.actor);
  const validation = validateRubric(definition);
  if (!validation.ok) throw new RubricInvalidError(validation.issues);
  const rubric = validation.rubric;
  const now = isoNow(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const existing = await findRubricVersion(trx, versionId);
    if (!existing) throw new DomainError("not_found", `rubric version ${versionId} does not exist`, { id: versionId });
    if (existing.status !== "draft") {
      throw new DomainError("invalid_transition", `version ${existing.version} is approved and can no longer change — create a new draft`, {
        reason: "not_a_draft",
        version: Number(existing.version),
      });
    }
    const json = JSON.stringify(rubric);
    await updateDraftRubricVersion(trx, versionId, rubric.name, json);
    await appendAudit(trx, {
      at: now,
      actor_user_id: ctx.actor.userId,
      actor_label: ctx.actor.label,
      action: "rubric.draft.update",
      entity: "rubric_version",
      entity_id: String(versionId),
      before: existing.definition,
      after: json,
    });
    return { ...existing, name: rubric.name, definition: json };
  });
}
