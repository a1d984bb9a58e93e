import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AdminError, AdminNotice, adminButton, adminField } from "~/components/admin/AdminMessages";
import { DashboardErrorBoundary } from "~/components/dashboard/DashboardErrorBoundary";
import { handlePrivacyAction, privacyPageData } from "~/models/privacy.server";
import { assertSameOrigin } from "~/utils/csrf.server";
import { readForm } from "~/utils/form.server";
import { getDb } from "~/utils/db.server";
import { requirePermission } from "~/utils/policy.server";
import { requireUser } from "~/utils/session.server";

export const handle = { i18n: ["common", "dashboard", "admin"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "manage_privacy");
  return privacyPageData(await getDb(), user);
}

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const user = await requireUser(request);
  requirePermission(user, "manage_privacy");
  return handlePrivacyAction(await getDb(), user, await readForm(request));
}

export default function PrivacyRoute() {
  const { retentionDays, due, cutoffDate } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation("admin");
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-bold tracking-tight" data-testid="page-title">
          {t("privacy.title")}
        </h1>
        <p className="mt-1 text-sm text-gray-600">{t("privacy.help")}</p>
      </header>
      <div className="min-h-5">
        {result?.ok === false ? <AdminError result={result} /> : null}
        {result?.ok && result.intent === "retention" ? <AdminNotice>{t("privacy.retention.saved", { days: result.days })}</AdminNotice> : null}
        {result?.ok && result.intent === "anonymise" ? <AdminNotice>{t("privacy.anonymise.done", { count: result.count })}</AdminNotice> : null}
      </div>
      <section className="rounded-lg bg-white p-4 shadow-sm">
        <h2 className="text-lg font-semibold">{t("privacy.retention.title")}</h2>
        <Form method="post" className="mt-3 flex flex-wrap items-end gap-4" key={retentionDays}>
          <input type="hidden" name="intent" value="retention" />
          <label className="text-sm font-medium text-gray-700">
            {t("privacy.retention.label")}
            <input name="days" inputMode="numeric" defaultValue={retentionDays} className={adminField} />
          </label>
          <button type="submit" className={adminButton}>
            {t("privacy.retention.submit")}
          </button>
        </Form>
      </section>
      <section className="rounded-lg bg-white p-4 shadow-sm">
        <h2 className="text-lg font-semibold">{t("privacy.anonymise.title")}</h2>
        <p className="mt-1 text-sm text-gray-600" data-testid="anonymise-due">
          {t("privacy.anonymise.due", { count: due, cutoff: cutoffDate })}
        </p>
        <Form method="post" className="mt-3">
          <input type="hidden" name="intent" value="anonymise" />
          <button type="submit" className={adminButton} disabled={due === 0}>
            {t("privacy.anonymise.submit")}
          </button>
        </Form>
      </section>
      <section className="rounded-lg bg-white p-4 shadow-sm">
        <h2 className="text-lg font-semibold">{t("privacy.export.title")}</h2>
        <p className="mt-1 text-sm text-gray-600">{t("privacy.export.help")}</p>
        <Form method="get" action="/hr/privacy/export" reloadDocument className="mt-3 flex flex-wrap items-end gap-4">
          <label className="text-sm font-medium text-gray-700">
            {t("privacy.export.code")}
            <input name="code" required maxLength={64} className={adminField} />
          </label>
          <button type="submit" className={adminButton}>
            {t("privacy.export.submit")}
          </button>
        </Form>
      </section>
    </div>
  );
}

export const ErrorBoundary = DashboardErrorBoundary;
