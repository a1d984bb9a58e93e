import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { contextFor } from "~/utils/context.server";
import { readForm } from "~/utils/form.server";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ActionMessage } from "~/components/cycle/ActionMessage";
import { DashboardErrorBoundary } from "~/components/dashboard/DashboardErrorBoundary";
import { getSettingsPageData, handleSettingsAction } from "~/models/cycle.server";
import { assertSameOrigin } from "~/utils/csrf.server";
import { getDb } from "~/utils/db.server";
import { requirePermission } from "~/utils/policy.server";
import { requireUser } from "~/utils/session.server";

export const handle = { i18n: ["common", "dashboard", "cycle"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "manage_settings");
  return getSettingsPageData(await getDb());
}

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const user = await requireUser(request);
  requirePermission(user, "manage_settings");
  requirePermission(user, "decide_awards");
  return handleSettingsAction(contextFor(await getDb(), user), await readForm(request));
}

const button = "rounded-md bg-blue-600 px-3 py-1.5 text-sm font-medium text-white shadow-sm hover:bg-blue-500 disabled:opacity-60";
const field = "mt-1 block w-full rounded-md border-gray-300 text-sm shadow-sm focus:border-blue-500 focus:ring-blue-500";
const label = "text-sm font-medium text-gray-700";

export default function SettingsRoute() {
  const { settings, awardTypes, rules, grades } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const { t } = useTranslation("cycle");
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold tracking-tight" data-testid="page-title">
        {t("settings.title")}
      </h1>
      <ActionMessage result={result} />

      <section className="rounded-lg bg-white p-4 shadow-sm" aria-labelledby="org-title">
        <h2 id="org-title" className="text-lg font-semibold">
          {t("settings.organisation")}
        </h2>
        <Form method="post" className="mt-3 grid gap-4 sm:grid-cols-3" data-testid="settings-form">
          <input type="hidden" name="intent" value="settings" />
          <label className={label}>
            {t("settings.currency")}
            <input name="currency" defaultValue={settings.currency} required pattern="[A-Za-z]{3}" maxLength={3} className={field} />
          </label>
          <label className={label}>
            {t("settings.timeZone")}
            <input name="timeZone" defaultValue={settings.timeZone} required maxLength={64} className={field} />
          </label>
          <label className={label}>
            {t("settings.baseAmount")}
            <input name="incentiveBaseAmount" type="number" step="0.01" min="0" defaultValue={settings.incentiveBaseAmount} required className={field} />
          </label>
          <fieldset className="sm:col-span-3">
            <legend className={label}>{t("settings.multipliers")}</legend>
            <div className="mt-1 grid grid-cols-5 gap-2">
              {grades.map((g) => (
                <label key={g} className="text-sm text-gray-700">
                  {t("settings.grade", { grade: g })}
                  <input
                    name={`multiplier${g}`}
                    type="number"
                    step="0.01"
                    min="0"
                    defaultValue={settings.incentiveGradeMultipliers[g]}
                    required
                    className={field}
                  />
                </label>
              ))}
            </div>
          </fieldset>
          <div>
            <button type="submit" className={button} disabled={busy}>
              {t("settings.save")}
            </button>
          </div>
        </Form>
      </section>

      <section className="rounded-lg bg-white p-4 shadow-sm" aria-labelledby="award-types-title">
        <h2 id="award-types-title" className="text-lg font-semibold">
          {t("settings.awardTypes")}
        </h2>
        <ul className="mt-3 space-y-3" data-testid="award-types">
          {awardTypes.map((a) => (
            <li key={a.id}>
              <Form method="post" className="grid items-end gap-2 sm:grid-cols-[1fr_10rem_8rem_6rem_6rem_auto]">
                <input type="hidden" name="intent" value="editAward" />
                <input type="hidden" name="id" value={a.id} />
                <label className={label}>
                  {t("settings.awardName")} <span className="text-xs font-normal text-gray-500">({t(`rules.${a.rule}`)})</span>
                  <input name="name" defaultValue={a.name} required maxLength={80} className={field} />
                </label>
                <label className={label}>
                  {t("settings.amount")}
                  <input name="amount" type="number" step="0.01" min="0" defaultValue={a.amount} required className={field} />
                </label>
                <label className={label}>
                  {t("settings.currency")}
                  <input name="currency" defaultValue={a.currency} required maxLength={3} className={field} />
                </label>
                <label className="flex items-center gap-2 text-sm text-gray-700">
                  <input type="checkbox" name="active" defaultChecked={a.active} />
                  {t("settings.active")}
                </label>
                <span />
                <button type="submit" className={button} disabled={busy}>
                  {t("settings.save")}
                </button>
              </Form>
            </li>
          ))}
        </ul>
        <h3 className="mt-6 font-medium">{t("settings.addAward")}</h3>
        <Form method="post" className="mt-2 grid items-end gap-2 sm:grid-cols-[1fr_12rem_8rem_6rem_auto]" data-testid="add-award-form">
          <input type="hidden" name="intent" value="addAward" />
          <label className={label}>
            {t("settings.awardName")}
            <input name="name" required maxLength={80} className={field} />
          </label>
          <label className={label}>
            {t("settings.rule")}
            <select name="rule" className={field} defaultValue="most_improved">
              {rules.map((r) => (
                <option key={r} value={r}>
                  {t(`rules.${r}`)}
                </option>
              ))}
            </select>
          </label>
          <label className={label}>
            {t("settings.amount")}
            <input name="amount" type="number" step="0.01" min="0" required className={field} />
          </label>
          <label className={label}>
            {t("settings.currency")}
            <input name="currency" defaultValue={settings.currency} required maxLength={3} className={field} />
          </label>
          <button type="submit" className={button} disabled={busy}>
            {t("settings.add")}
          </button>
        </Form>
      </section>
    </div>
  );
}

export const ErrorBoundary = DashboardErrorBoundary;
