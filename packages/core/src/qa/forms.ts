import {
  appendAudit,
  countScoringsUsingForm,
  findCurrentQaForm,
  insertQaFormVersion,
  listQaForms,
  type QaForm,
  replaceQaFormDefinition,
} from "@starboard/db";
import { QA_FORM_PRESETS, type QaFormDefinition, qaFormDefinitionSchema, qaFormMaxPoints } from "@starboard/kpi";
import { z } from "zod";
import { type Context, isoNow } from "../context.ts";
import { DomainError } from "../errors.ts";
import { assertCan } from "../policy/index.ts";
import { policyUserOf } from "../policy/policyUserOf.ts";

export const qaFormKeySchema = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/);

/** A stored form version with its parsed definition. */
export interface QaFormVersion {
  id: number;
  formKey: string;
  version: number;
  name: string;
  maxPoints: number;
  current: boolean;
  definition: QaFormDefinition;
}

export function toQaFormVersion(row: QaForm): QaFormVersion {
  return {
    id: row.id,
    formKey: row.form_key,
    version: row.version,
    name: row.name,
    maxPoints: Number(row.max_points),
    current: row.current === 1,
    definition: qaFormDefinitionSchema.parse(JSON.parse(row.definition)),
  };
}

export interface SaveQaFormResult {
  formId: number;
  formKey: string;
  version: number;
  /** "created": a new form; "new_version": the form was in use; "updated": edited in place (unused). */
  outcome: "created" | "new_version" | "updated";
}

/**
 * Creates or edits a form. Editing a version that evaluations already use adds the next
 * version (those evaluations keep theirs); an unused current version is edited in place.
 */
export async function saveQaForm(ctx: Context, input: { formKey: string; definition: unknown }): Promise<SaveQaFormResult> {
  assertCan(await policyUserOf(ctx.db, ctx.actor), "qa_manage_forms");
  const key = qaFormKeySchema.safeParse(input.formKey);
  if (!key.success) throw new DomainError("invalid_input", "a form key is lower-case letters, digits and _", { field: "formKey" });
  const parsed = qaFormDefinitionSchema.safeParse(input.definition);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new DomainError("invalid_input", `form: ${issue.path.join(".")}: ${issue.message}`, { field: "definition", detail: `${issue.path.join(".")}: ${issue.message}` });
  }
  const definition = parsed.data;
  const at = isoNow(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const current = await findCurrentQaForm(trx, key.data);
    const values = { name: definition.name, definition: JSON.stringify(definition), max_points: qaFormMaxPoints(definition) };
    let result: SaveQaFormResult;
    if (current && (await countScoringsUsingForm(trx, current.id)) === 0) {
      await replaceQaFormDefinition(trx, current.id, values);
      result = { formId: current.id, formKey: key.data, version: current.version, outcome: "updated" };
    } else {
      const version = (current?.version ?? 0) + 1;
      const formId = await insertQaFormVersion(trx, { form_key: key.data, version, ...values, created_at: at, created_by: ctx.actor.label });
      result = { formId, formKey: key.data, version, outcome: current ? "new_version" : "created" };
    }
    await appendAudit(trx, {
      at,
      actor_user_id: ctx.actor.userId,
      actor_label: ctx.actor.label,
      action: "qa_form_save",
      entity: "qa_form",
      entity_id: String(result.formId),
      before: current ? current.definition : null,
      after: JSON.stringify({ ...result, definition }),
    });
    return result;
  });
}

/** Adds the shipped presets (call quality, compliance) that are not there yet. */
export async function installQaPresets(ctx: Context): Promise<SaveQaFormResult[]> {
  assertCan(await policyUserOf(ctx.db, ctx.actor), "qa_manage_forms");
  const results: SaveQaFormResult[] = [];
  for (const [formKey, definition] of Object.entries(QA_FORM_PRESETS)) {
    if (await findCurrentQaForm(ctx.db, formKey)) continue;
    results.push(await saveQaForm(ctx, { formKey, definition }));
  }
  return results;
}

/** Forms for pickers and the form list: current versions only, or every version. */
export async function listQaFormVersions(ctx: Context, options: { currentOnly?: boolean } = {}): Promise<QaFormVersion[]> {
  const user = await policyUserOf(ctx.db, ctx.actor);
  if (user.role === "agent") throw new DomainError("forbidden", "not allowed: qa forms");
  return (await listQaForms(ctx.db, options)).map(toQaFormVersion);
}
