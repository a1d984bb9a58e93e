import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { installQaPresets, listQaFormVersions, saveQaForm } from "@starboard/core";
import { qaFormMaxPoints } from "@starboard/kpi";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { DashboardErrorBoundary } from "~/components/dashboard/DashboardErrorBoundary";
import { ActionMessage } from "~/components/qa/ActionMessage";
import { QaNav } from "~/components/qa/QaNav";
import { loadOr404, qaContext, runQaAction } from "~/models/qa.server";
import { assertSameOrigin } from "~/utils/csrf.server";
import { getDb } from "~/utils/db.server";
import { readForm } from "~/utils/form.server";
import { requirePermission } from "~/utils/policy.server";
import { requireUser } from "~/utils/session.server";

export const handle = { i18n: ["common", "dashboard", "qa"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "qa_manage_forms");
  const forms = await loadOr404(async () => listQaFormVersions(qaContext(await getDb(), user)));
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
  };
}

const saveSchema = z.object({
  formKey: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/),
  definition: z.string().min(2).max(200_000),
});

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const user = await requireUser(request);
  requirePermission(user, "qa_manage_forms");
  const ctx = qaContext(await getDb(), user);
  const data = await readForm(request);
  if (data.get("intent") === "presets") {
    return runQaAction("presets", async () => ({ message: "presetsInstalled", params: { n: (await installQaPresets(ctx)).length } }));
  }
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

export default function QaFormsRoute() {
  const { forms } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const { t } = useTranslation("qa");
  const current = forms.filter((f) => f.current);
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-bold tracking-tight" data-testid="page-title">
          {t("forms.title")}
        </h1>
        <QaNav />
      </header>
      <p className="text-sm text-gray-600">{t("forms.help")}</p>
      <ActionMessage result={result} />
      <table className="w-full rounded-lg bg-white text-left text-sm shadow-sm" data-testid="form-list">
        <thead>
          <tr className="text-gray-500">
            <th className="p-2">{t("forms.key")}</th>
            <th className="p-2">{t("forms.name")}</th>
            <th className="p-2">{t("forms.version")}</th>
            <th className="p-2">{t("forms.max")}</th>
            <th className="p-2">{t("forms.items")}</th>
          </tr>
        </thead>
        <tbody>
          {forms.map((f) => (
            <tr key={f.id} className="border-t border-gray-100">
              <td className="p-2 font-mono">{f.formKey}</td>
              <td className="p-2">{f.name}</td>
              <td className="p-2">
                v{f.version} {f.current ? <span className="text-xs text-emerald-700">{t("forms.current")}</span> : null}
              </td>
              <td className="p-2">{f.maxPoints}</td>
              <td className="p-2">{t("forms.itemCount", { items: f.items, key: f.keyItems })}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Form method="post">
        <input type="hidden" name="intent" value="presets" />
        <button type="submit" disabled={busy} className="rounded-md border border-gray-300 bg-white px-3 py-1.5 text-sm">
          {t("forms.installPresets")}
        </button>
      </Form>
      {current.map((f) => (
        <details key={f.id} className="rounded-lg bg-white p-4 shadow-sm">
          <summary className="cursor-pointer font-semibold">{t("forms.edit", { name: f.name, version: f.version })}</summary>
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
      <details className="rounded-lg bg-white p-4 shadow-sm">
        <summary className="cursor-pointer font-semibold">{t("forms.new")}</summary>
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
    </div>
  );
}

export const ErrorBoundary = DashboardErrorBoundary;
