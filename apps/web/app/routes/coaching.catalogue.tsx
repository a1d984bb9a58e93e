import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { contextFor } from "~/utils/context.server";
import { readForm } from "~/utils/form.server";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { button, card, field } from "~/components/coaching/CoachingBits";
import { DashboardErrorBoundary } from "~/components/dashboard/DashboardErrorBoundary";
import { getCatalogueData, handleCatalogueSave } from "~/models/coachingCatalogue.server";
import { assertSameOrigin } from "~/utils/csrf.server";
import { getDb } from "~/utils/db.server";
import { requirePermission } from "~/utils/policy.server";
import { requireRole } from "~/utils/session.server";

export const handle = { i18n: ["common", "dashboard", "coaching"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "hr");
  requirePermission(user, "manage_coaching_catalogue");
  return getCatalogueData(await getDb());
}

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const user = await requireRole(request, "hr");
  requirePermission(user, "manage_coaching_catalogue");
  return handleCatalogueSave(contextFor(await getDb(), user), await readForm(request));
}

type Item = { id: number | null; name: string; kind: string; description: string; active: boolean; metricKeys: string[] };

function InterventionForm({ item, kinds, metricKeys, error }: { item: Item; kinds: string[]; metricKeys: string[]; error: string | null }) {
  const { t } = useTranslation("coaching");
  const { t: td } = useTranslation("dashboard");
  const navigation = useNavigation();
  return (
    <Form method="post" className="grid gap-3 sm:grid-cols-2" data-testid={item.id === null ? "intervention-new" : "intervention-form"} data-id={item.id ?? ""}>
      <input type="hidden" name="id" value={item.id ?? ""} />
      <label className="text-sm font-medium text-gray-700">
        {t("catalogue.name")}
        <input name="name" required maxLength={120} defaultValue={item.name} className={field} />
      </label>
      <label className="text-sm font-medium text-gray-700">
        {t("catalogue.kind")}
        <select name="kind" defaultValue={item.kind} className={field}>
          {kinds.map((k) => (
            <option key={k} value={k}>
              {t(`kind.${k}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm font-medium text-gray-700 sm:col-span-2">
        {t("catalogue.description")}
        <textarea name="description" rows={2} maxLength={2000} defaultValue={item.description} className={field} />
      </label>
      <fieldset className="sm:col-span-2">
        <legend className="text-sm font-medium text-gray-700">{t("catalogue.metrics")}</legend>
        <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
          {metricKeys.map((m) => (
            <label key={m} className="flex items-center gap-1 text-sm">
              <input type="checkbox" name="metricKeys" value={m} defaultChecked={item.metricKeys.includes(m)} className="rounded border-gray-300" />
              {td(`metric.${m}`, { defaultValue: m })}
            </label>
          ))}
        </div>
      </fieldset>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="active" defaultChecked={item.active} className="rounded border-gray-300" />
        {t("catalogue.active")}
      </label>
      <div className="flex items-center gap-3">
        <button type="submit" className={button} disabled={navigation.state === "submitting"}>
          {item.id === null ? t("catalogue.add") : t("catalogue.save")}
        </button>
        {error ? (
          <span role="alert" className="text-sm text-rose-700" data-testid="catalogue-error">
            {t(`error.${error}`)}
          </span>
        ) : null}
      </div>
    </Form>
  );
}

export default function CatalogueRoute() {
  const { interventions, kinds, metricKeys } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation("coaching");
  const errorFor = (id: number | null) => (result && !result.ok && result.id === id ? result.error : null);
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-bold tracking-tight" data-testid="page-title">
          {t("catalogue.title")}
        </h1>
        <p className="text-sm text-gray-600">{t("catalogue.help")}</p>
        <Link to="/coaching" className="text-sm text-blue-700 hover:underline">
          {t("overview.title")}
        </Link>
      </header>
      {result?.ok ? (
        <p role="status" className="rounded-md bg-emerald-50 p-3 text-sm text-emerald-800" data-testid="catalogue-saved">
          {t("catalogue.saved")}
        </p>
      ) : null}
      {interventions.map((i) => (
        <section key={i.id} className={card}>
          <InterventionForm item={i} kinds={kinds} metricKeys={metricKeys} error={errorFor(i.id)} />
        </section>
      ))}
      <section className={card}>
        <h2 className="mb-3 text-lg font-semibold">{t("catalogue.new")}</h2>
        <InterventionForm item={{ id: null, name: "", kind: "course", description: "", active: true, metricKeys: [] }} kinds={kinds} metricKeys={metricKeys} error={errorFor(null)} />
      </section>
    </div>
  );
}

export const ErrorBoundary = DashboardErrorBoundary;
