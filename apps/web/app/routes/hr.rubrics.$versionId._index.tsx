import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { contextFor } from "~/utils/context.server";
import { readForm } from "~/utils/form.server";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { getRubricVersion, RubricInvalidError, updateRubricDraft } from "@starboard/core";
import { METRIC_KEYS } from "@starboard/kpi";
import { useTranslation } from "react-i18next";
import { DashboardErrorBoundary } from "~/components/dashboard/DashboardErrorBoundary";
import { RubricEditorForm } from "~/components/rubrics/RubricEditorForm";
import { RubricErrors } from "~/components/rubrics/RubricErrors";
import { button, card, field } from "~/components/rubrics/ui";
import { dashboardError } from "~/models/quarters.server";
import { applyEditorForm, applyStructureIntent, formValuesOf, issueForForm, workingRubric } from "~/models/rubricEditor.server";
import { attempt, parseVersionId } from "~/models/rubrics.server";
import { assertSameOrigin } from "~/utils/csrf.server";
import { getDb } from "~/utils/db.server";
import { requirePermission } from "~/utils/policy.server";
import { requireUser } from "~/utils/session.server";

export const handle = { i18n: ["common", "dashboard", "rubrics"] };

const MAX_JSON_CHARS = 200_000;

async function load(request: Request, param: string | undefined) {
  const user = await requireUser(request);
  requirePermission(user, "manage_rubrics");
  const ctx = contextFor(await getDb(), user);
  const id = parseVersionId(param);
  if (id === null) throw dashboardError(404, { code: "notFound" });
  const found = await attempt(() => getRubricVersion(ctx, id));
  if (!found.ok) throw dashboardError(404, { code: "notFound" });
  return { ctx, id, ...found.value };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { version, rubric } = await load(request, params.versionId);
  return {
    version: { id: Number(version.id), version: Number(version.version), name: version.name, status: version.status, effectiveFrom: version.effective_from, createdBy: version.created_by },
    rubric,
    values: formValuesOf(rubric),
    metricKeys: METRIC_KEYS,
    json: JSON.stringify(rubric, null, 2),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const { ctx, id, rubric } = await load(request, params.versionId);
  const form = await readForm(request);
  const at = Date.now();
  if (form.get("intent") === "saveJson") {
    const raw = form.get("json");
    const text = typeof raw === "string" ? raw.slice(0, MAX_JSON_CHARS) : "";
    let definition: unknown;
    try {
      definition = JSON.parse(text);
    } catch (error) {
      return { at, kind: "json" as const, ok: false as const, json: text, error: "json_syntax", params: { message: (error as Error).message }, issues: [] };
    }
    const saved = await attempt(() => updateRubricDraft(ctx, id, definition));
    if (!saved.ok) return { at, kind: "json" as const, ...saved, json: text };
    return { at, kind: "json" as const, ok: true as const };
  }
  // The form carries the structure it was drawn from (an unsaved structural change lives there).
  const base = workingRubric(rubric, form);
  const { values, parse } = applyEditorForm(base, form);
  const structure = base;
  if (parse.fieldProblems.length > 0) {
    return { at, kind: "form" as const, ok: false as const, structure, values, fieldProblems: parse.fieldProblems, error: "fields", params: { count: parse.fieldProblems.length }, issues: [] };
  }
  const intent = form.get("intent");
  let next = parse.rubric;
  if (typeof intent === "string" && intent !== "" && intent !== "save") {
    const change = applyStructureIntent(parse.rubric, intent.slice(0, 300), form);
    if (change === null) throw dashboardError(400, { code: "badRequest" });
    if (!change.ok) {
      return { at, kind: "form" as const, ok: false as const, structure: parse.rubric, values, fieldProblems: change.fieldProblems, error: "fields", params: { count: change.fieldProblems.length }, issues: [] };
    }
    next = change.rubric;
  }
  // Saved as the draft whenever it validates; otherwise shown with every problem, unsaved.
  const saved = await attempt(() => updateRubricDraft(ctx, id, next));
  if (!saved.ok) {
    const nextValues = next === parse.rubric ? values : formValuesOf(next);
    return { at, kind: "form" as const, structure: next, values: nextValues, fieldProblems: [], ...saved, issues: saved.issues.map(issueForForm) };
  }
  return { at, kind: "form" as const, ok: true as const };
}

export default function RubricVersionRoute() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation("rubrics");
  const busy = navigation.state !== "idle";
  const editable = data.version.status === "draft";
  const formFailure = result && result.kind === "form" && !result.ok ? result : null;
  const jsonFailure = result && result.kind === "json" && !result.ok ? result : null;

  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold tracking-tight" data-testid="page-title">
            {t("editor.title", { version: data.version.version, name: data.version.name })}
          </h1>
          <p className="text-sm text-gray-600">
            {data.version.status === "draft" ? t("editor.draftHelp") : t("editor.approvedHelp", { quarter: data.version.effectiveFrom ?? "—" })}
          </p>
          <Link to="/hr/rubrics" className="text-sm text-blue-700 hover:underline">
            {t("index.title")}
          </Link>
        </div>
        {editable ? (
          <Link to={`/hr/rubrics/${data.version.id}/whatif`} className={button} data-testid="whatif-link">
            {t("editor.runWhatif")}
          </Link>
        ) : null}
      </header>

      {result?.ok ? (
        <p role="status" className="rounded-md bg-emerald-50 p-3 text-sm text-emerald-800" data-testid="rubric-saved">
          {t("editor.saved")}
        </p>
      ) : null}
      {formFailure ? <RubricErrors error={formFailure.error} params={formFailure.params} issues={formFailure.issues} /> : null}

      <section className={card}>
        <RubricEditorForm
          key={formFailure ? `failed-${result?.at}` : `ok-${data.json.length}-${result?.at ?? 0}`}
          rubric={formFailure ? formFailure.structure : data.rubric}
          metricKeys={data.metricKeys}
          values={formFailure ? formFailure.values : data.values}
          fieldProblems={formFailure ? formFailure.fieldProblems : []}
          issues={formFailure ? formFailure.issues : []}
          editable={editable}
          busy={busy}
        />
      </section>

      <details className={card} open={jsonFailure !== null}>
        <summary className="cursor-pointer text-sm font-semibold">{t("editor.jsonView")}</summary>
        <p className="mt-1 text-xs text-gray-500">{t("editor.jsonHelp")}</p>
        <Form method="post" className="mt-3 space-y-3" key={jsonFailure ? `jf-${result?.at}` : `j-${data.json.length}-${result?.at ?? 0}`}>
          <input type="hidden" name="intent" value="saveJson" />
          <textarea
            name="json"
            defaultValue={jsonFailure ? jsonFailure.json : data.json}
            readOnly={!editable}
            rows={16}
            spellCheck={false}
            className={`${field} font-mono text-xs`}
            aria-label={t("editor.jsonView")}
          />
          {jsonFailure ? <RubricErrors error={jsonFailure.error} params={jsonFailure.params} issues={jsonFailure.issues} testId="json-error" /> : null}
          {editable ? (
            <button type="submit" className={button} disabled={busy}>
              {t("editor.saveJson")}
            </button>
          ) : null}
        </Form>
      </details>
    </div>
  );
}

export const ErrorBoundary = DashboardErrorBoundary;
