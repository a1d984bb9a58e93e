import { appendAudit, ensureDefaultRubric, findRubricForQuarter, findRubricVersion, insertRubricVersion, nextRubricVersionNumber, type RubricVersion } from "@starboard/db";
import { parseRubric, RUBRIC_PRESETS, type Rubric, type RubricPresetId } from "@starboard/kpi";
import { type Context, isoNow } from "../context.ts";
import { DomainError } from "../errors.ts";
import { assertCanManageRubrics } from "./access.ts";
import { currentQuarter } from "./activeRubric.ts";

/** Where a new draft starts: the rubric in effect now, an industry preset, or any stored version. */
export type DraftSource = { from: "active" } | { from: "preset"; preset: RubricPresetId } | { from: "version"; versionId: number };

/** Creates a draft version (next version number) as a copy of its source; returns the stored row. */
export async function createRubricDraft(ctx: Context, source: DraftSource): Promise<RubricVersion> {
  assertCanManageRubrics(ctx.actor);
  const now = isoNow(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    await ensureDefaultRubric(trx, now);
    let rubric: Rubric;
    let origin: string;
    if (source.from === "preset") {
      const preset = RUBRIC_PRESETS.find((p) => p.id === source.preset);
      if (!preset) throw new DomainError("not_found", `no preset "${source.preset}"`, { preset: source.preset });
      rubric = structuredClone(preset.rubric) as Rubric;
      origin = `preset:${preset.id}`;
    } else {
      const row = source.from === "active" ? await findRubricForQuarter(trx, currentQuarter(ctx)) : await findRubricVersion(trx, source.versionId);
      if (!row) throw new DomainError("not_found", "the rubric version to copy does not exist", {});
      rubric = parseRubric(JSON.parse(row.definition));
      origin = `version:${row.version}`;
    }
    const version = await nextRubricVersionNumber(trx);
    const row = await insertRubricVersion(trx, {
      name: rubric.name,
      version,
      definition: JSON.stringify(rubric),
      status: "draft",
      effective_from: null,
      created_at: now,
      created_by: ctx.actor.label,
      approved_at: null,
      approved_by: null,
    });
    await appendAudit(trx, {
      at: now,
      actor_user_id: ctx.actor.userId,
      actor_label: ctx.actor.label,
      action: "rubric.draft.create",
      entity: "rubric_version",
      entity_id: String(row.id),
      before: null,
      after: JSON.stringify({ version, origin, name: rubric.name }),
    });
    return row;
  });
}
