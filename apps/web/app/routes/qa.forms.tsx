import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { contextFor } from "~/utils/context.server";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { type Context, installQaPresets, listQaFormVersions, qaDualReviewPct, saveQaForm, setQaDualReviewPct } from "@starboard/core";
import { qaFormMaxPoints } from "@starboard/kpi";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { DashboardErrorBoundary } from "~/components/dashboard/DashboardErrorBoundary";
import { ActionMessage } from "~/components/qa/ActionMessage";
import { QaNav } from "~/components/qa/QaNav";
import { QaFormBuilder } from "~/components/qa/QaFormBuilder";
import { loadOr404, runQaAction } from "~/models/qa.server";
import { applyBuilderIntent, draftFromForm, draftMaxPoints, draftOf, emptyDraft, type FieldProblems, validateDraft } from "~/models/qaFormBuilder.server";
import { assertSameOrigin } from "~/utils/csrf.server";
import { getDb } from "~/utils/db.server";
import { readForm } from "~/utils/form.server";
import { requirePermission } from "~/utils/policy.server";
import { requireUser } from "~/utils/session.server";

export const handle = { i18n: ["common", "dashboard", "qa"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "qa_manage_forms");
  const db = await getDb();
  const forms = await loadOr404(async () => listQaFormVersions(contextFor(db, user)));
  const edit = new URL(request.url).searchParams.get("edit");
  const editing = edit === null ? undefined : forms.find((f) => f.current && f.formKey === edit);
  const draft = edit === "new" ? emptyDraft() : editing ? draftOf(editing.formKey, editing.definition) : null;
  return {
    forms: forms.map((f) => ({
      id: f.id,
      formKey: f.formKey,
      version: f.version,
      name: f.name,
      current: f.current,
      maxPoints: qaFormMaxPoints(f.definition),
      items: f.definition.sections.reduce((n, s) => n + s.items.length, 0),
      keyItems: f.definition.sections.flatMap((s) => s.items).filter((i) => i.fatal).length,
      json: JSON.stringify(f.definition, null, 2),
    })),
    editor: draft ? { draft, maxPoints: draftMaxPoints(draft) } : null,
    /** HR only: the dual-review share setting. */
    dualReviewPct: user.role === "hr" ? await qaDualReviewPct(db) : null,
  };
}

const saveSchema = z.object({
  formKey: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/),
  definition: z.string().min(2).max(200_000),
});

const dualReviewSchema = z.coerce.number().finite().min(0).max(100);

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const user = await requireUser(request);
  requirePermission(user, "qa_manage_forms");
  const ctx = contextFor(await getDb(), user);
  const data = await readForm(request);
  const intent = String(data.get("intent") ?? "");
  if (intent === "presets") {
    return runQaAction("presets", async () => ({ message: "presetsInstalled", params: { n: (await installQaPresets(ctx)).length } }));
  }
  if (intent === "dualReview") {
    requirePermission(user, "manage_settings");
    const raw = String(data.get("dualReviewPct") ?? "").trim();
    const pct = dualReviewSchema.safeParse(raw === "" ? Number.NaN : raw);
    if (!pct.success) return { ok: false as const, intent, error: "invalid_dual_review_pct", params: {} };
    return runQaAction(intent, async () => ({ message: "dualReviewSaved", params: { pct: (await setQaDualReviewPct(ctx, pct.data)).after } }));
  }
  if (intent.startsWith("builder:")) return builderAction(ctx, data, intent.slice("builder:".length));
  const parsed = saveSchema.safeParse({ formKey: data.get("formKey"), definition: data.get("definition") });
  if (!parsed.success) return { ok: false as const, intent: "save", error: "invalid_form_key", params: {} };
  let definition: unknown;
  try {
    definition = JSON.parse(parsed.data.definition);
  } catch {
    return { ok: false as const, intent: "save", error: "invalid_json", params: {} };
  }
  return runQaAction("save", async () => {
    const r = await saveQaForm(ctx, { formKey: parsed.data.formKey, definition });
    return { message: `formSaved.${r.outcome}`, params: { key: r.formKey, version: r.version } };
  });
}

/** The visual builder: a row button returns the changed draft; save validates and saves it. */
async function builderAction(ctx: Context, data: FormData, op: string) {
  const posted = draftFromForm(data);
  const rev = Math.random().toString(36).slice(2);
  if (op !== "save") {
    const draft = applyBuilderIntent(posted, op);
    return { ok: true as const, intent: "builder", message: "", builder: { draft, problems: {} as FieldProblems, maxPoints: draftMaxPoints(draft), rev } };
  }
  const existing = (await listQaFormVersions(ctx, { currentOnly: true })).map((f) => f.formKey);
  const checked = validateDraft(posted, existing);
  if (checked.problems) {
    return {
      ok: false as const,
      intent: "builder",
      error: "builder_invalid",
      params: { count: Object.keys(checked.problems).length },
      builder: { draft: posted, problems: checked.problems, maxPoints: draftMaxPoints(posted), rev },
    };
  }
  const definition = checked.definition;
  return runQaAction("save", async () => {
    const r = await saveQaForm(ctx, { formKey: posted.formKey, definition });
    return { message: `formSaved.${r.outcome}`, params: { key: r.formKey, version: r.version } };
  });
}

export default function QaFormsRoute() {
  const { forms, editor, dualReviewPct } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const { t } = useTranslation("qa");
  const current = forms.filter((f) => f.current);
  // A builder round trip (row added, problems found) renders the posted draft; otherwise the loader's.
  const posted = result && "builder" in result ? result.builder : null;
  const shown = posted ?? (editor ? { ...editor, problems: {} as FieldProblems, rev: "loaded" } : null);
  const message = result && result.intent === "builder" ? undefined : result;
  const editingKey = shown ? (shown.draft.isNew ? "new" : shown.draft.formKey) : null;
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-bold tracking-tight" data-testid="page-title">
          {t("forms.title")}
        </h1>
        <QaNav />
      </header>
      <p className="text-sm text-gray-600">{t("forms.help")}</p>
      <ActionMessage result={message} />
      <table className="w-full rounded-lg bg-white text-left text-sm shadow-sm" data-testid="form-list">
        <thead>
          <tr className="text-gray-500">
            <th className="p-2">{t("forms.key")}</th>
            <th className="p-2">{t("forms.name")}</th>
            <th className="p-2">{t("forms.version")}</th>
            <th className="p-2">{t("forms.max")}</th>
            <th className="p-2">{t("forms.items")}</th>
            <th className="p-2">
              <span className="sr-only">{t("builder.actions")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {forms.map((f) => (
            <tr key={f.id} className="border-t border-gray-100" data-testid={`form-row-${f.formKey}-v${f.version}`}>
              <td className="p-2 font-mono">{f.formKey}</td>
              <td className="p-2">{f.name}</td>
              <td className="p-2">
                v{f.version} {f.current ? <span className="text-xs text-emerald-700">{t("forms.current")}</span> : null}
              </td>
              <td className="p-2" data-testid="form-max">
                {f.maxPoints}
              </td>
              <td className="p-2">{t("forms.itemCount", { items: f.items, key: f.keyItems })}</td>
              <td className="p-2">
                {f.current ? (
                  <Link to={`?edit=${f.formKey}`} className="text-blue-700 underline" aria-label={t("builder.editNamed", { name: f.name })}>
                    {t("builder.edit")}
                  </Link>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="flex flex-wrap gap-3">
        <Link to="?edit=new" className="rounded-md bg-blue-600 px-3 py-1.5 text-sm font-medium text-white">
          {t("builder.newForm")}
        </Link>
        <Form method="post">
          <input type="hidden" name="intent" value="presets" />
          <button type="submit" disabled={busy} className="rounded-md border border-gray-300 bg-white px-3 py-1.5 text-sm">
            {t("forms.installPresets")}
          </button>
        </Form>
      </div>
      {shown ? (
        <section className="rounded-lg bg-white p-4 shadow-sm" aria-labelledby="builder-title">
          <div className="mb-3 flex items-baseline justify-between gap-3">
            <h2 id="builder-title" className="text-lg font-semibold">
              {shown.draft.isNew ? t("builder.newTitle") : t("builder.editTitle", { key: shown.draft.formKey })}
            </h2>
            <Link to="." className="text-sm text-gray-600 underline">
              {t("builder.close")}
            </Link>
          </div>
          {shown.draft.isNew ? null : <p className="mb-3 text-xs text-gray-500">{t("builder.versionHelp")}</p>}
          <QaFormBuilder key={`${editingKey}-${shown.rev}`} draft={shown.draft} problems={shown.problems} maxPoints={shown.maxPoints} busy={busy} />
        </section>
      ) : null}
      {dualReviewPct !== null ? (
        <section className="rounded-lg bg-white p-4 shadow-sm" aria-labelledby="dual-review-title">
          <h2 id="dual-review-title" className="text-lg font-semibold">
            {t("dualReview.title")}
          </h2>
          <p className="mt-1 text-sm text-gray-600">{t("dualReview.help")}</p>
          <Form method="post" className="mt-3 flex flex-wrap items-end gap-3" data-testid="dual-review-form" noValidate>
            <label className="block text-sm font-medium">
              {t("dualReview.label")}
              <input
                type="number"
                name="dualReviewPct"
                min={0}
                max={100}
                step="any"
                defaultValue={dualReviewPct}
                key={dualReviewPct}
                aria-invalid={message?.intent === "dualReview" && !message.ok ? true : undefined}
                aria-describedby="dual-review-error"
                className="mt-1 block w-28 rounded-md border-gray-300 text-sm"
              />
            </label>
            <button type="submit" name="intent" value="dualReview" disabled={busy} className="rounded-md bg-blue-600 px-4 py-2 text-sm font-medium text-white">
              {t("dualReview.save")}
            </button>
            <p id="dual-review-error" className="w-full text-xs text-rose-700" data-testid="dual-review-error">
              {message?.intent === "dualReview" && !message.ok ? t(`errors.${message.error}`, { defaultValue: t("errors.generic") }) : null}
            </p>
          </Form>
        </section>
      ) : null}
      <details className="rounded-lg bg-white p-4 shadow-sm" data-testid="json-editor">
        <summary className="cursor-pointer font-semibold">{t("builder.advanced")}</summary>
        <p className="mt-2 text-xs text-gray-500">{t("builder.advancedHelp")}</p>
        {current.map((f) => (
          <details key={f.id} className="mt-3 rounded-md border border-gray-200 p-3">
            <summary className="cursor-pointer text-sm font-semibold">{t("forms.edit", { name: f.name, version: f.version })}</summary>
            <Form method="post" className="mt-3 space-y-2">
              <input type="hidden" name="formKey" value={f.formKey} />
              <label className="block text-sm font-medium">
                {t("forms.definition")}
                <textarea name="definition" rows={16} defaultValue={f.json} className="mt-1 block w-full rounded-md border-gray-300 font-mono text-xs" />
              </label>
              <button type="submit" disabled={busy} className="rounded-md bg-blue-600 px-4 py-2 text-sm font-medium text-white">
                {t("forms.save")}
              </button>
            </Form>
          </details>
        ))}
        <details className="mt-3 rounded-md border border-gray-200 p-3">
          <summary className="cursor-pointer text-sm font-semibold">{t("forms.new")}</summary>
          <Form method="post" className="mt-3 space-y-2">
            <label className="block text-sm font-medium">
              {t("forms.key")}
              <input type="text" name="formKey" required pattern="[a-z][a-z0-9_]{0,39}" className="mt-1 block w-64 rounded-md border-gray-300 text-sm" />
            </label>
            <label className="block text-sm font-medium">
              {t("forms.definition")}
              <textarea name="definition" rows={12} required defaultValue={current[1]?.json ?? ""} className="mt-1 block w-full rounded-md border-gray-300 font-mono text-xs" />
            </label>
            <button type="submit" disabled={busy} className="rounded-md bg-blue-600 px-4 py-2 text-sm font-medium text-white">
              {t("forms.create")}
            </button>
          </Form>
        </details>
      </details>
    </div>
  );
}

export const ErrorBoundary = DashboardErrorBoundary;
