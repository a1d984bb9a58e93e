import type { LoaderFunctionArgs } from "@remix-run/node";
import { contextFor } from "~/utils/context.server";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { auditFilterSchema, listAuditLog } from "@starboard/core";
import { useTranslation } from "react-i18next";
import { adminButton, adminField } from "~/components/admin/AdminMessages";
import { DashboardErrorBoundary } from "~/components/dashboard/DashboardErrorBoundary";
import { getDb } from "~/utils/db.server";
import { requirePermission } from "~/utils/policy.server";
import { requireUser } from "~/utils/session.server";

export const handle = { i18n: ["common", "dashboard", "admin"] };

/** GET only: the audit log has no update or delete path, on this page or anywhere. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "view_audit");
  const url = new URL(request.url);
  const raw = Object.fromEntries([...url.searchParams.entries()].filter(([, v]) => v !== ""));
  const filter = auditFilterSchema.safeParse(raw);
  if (!filter.success) throw Response.json({ code: "badRequest" }, { status: 400, statusText: "Bad Request" });
  const result = await listAuditLog(contextFor(await getDb(), user), filter.data);
  return { ...result, filter: filter.data };
}

export default function AuditRoute() {
  const { entries, total, page, pageSize, vocabulary, filter } = useLoaderData<typeof loader>();
  const { t } = useTranslation("admin");
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const pageLink = (p: number) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(filter)) if (k !== "page" && v !== undefined && v !== "") params.set(k, String(v));
    params.set("page", String(p));
    return `/hr/audit?${params}`;
  };
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-bold tracking-tight" data-testid="page-title">
          {t("audit.title")}
        </h1>
        <p className="mt-1 text-sm text-gray-600">{t("audit.help")}</p>
      </header>
      <Form method="get" className="grid gap-3 rounded-lg bg-white p-4 shadow-sm sm:grid-cols-3 lg:grid-cols-6" aria-label={t("audit.filters.apply")}>
        <label className="text-sm font-medium text-gray-700">
          {t("audit.filters.actor")}
          <input name="actor" defaultValue={filter.actor ?? ""} maxLength={254} className={adminField} />
        </label>
        <label className="text-sm font-medium text-gray-700">
          {t("audit.filters.action")}
          <select name="action" defaultValue={filter.action ?? ""} className={adminField}>
            <option value="">{t("audit.filters.any")}</option>
            {vocabulary.actions.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm font-medium text-gray-700">
          {t("audit.filters.entity")}
          <select name="entity" defaultValue={filter.entity ?? ""} className={adminField}>
            <option value="">{t("audit.filters.any")}</option>
            {vocabulary.entities.map((e) => (
              <option key={e} value={e}>
                {e}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm font-medium text-gray-700">
          {t("audit.filters.entityId")}
          <input name="entityId" defaultValue={filter.entityId ?? ""} maxLength={200} className={adminField} />
        </label>
        <label className="text-sm font-medium text-gray-700">
          {t("audit.filters.from")}
          <input type="date" name="from" defaultValue={filter.from ?? ""} className={adminField} />
        </label>
        <label className="text-sm font-medium text-gray-700">
          {t("audit.filters.to")}
          <input type="date" name="to" defaultValue={filter.to ?? ""} className={adminField} />
        </label>
        <div className="flex items-end gap-3 sm:col-span-3 lg:col-span-6">
          <button type="submit" className={adminButton}>
            {t("audit.filters.apply")}
          </button>
          <Link to="/hr/audit" className="text-sm text-blue-700 hover:underline">
            {t("audit.filters.clear")}
          </Link>
          <span className="ml-auto text-sm text-gray-600" data-testid="audit-count">
            {t("audit.count", { count: total })}
          </span>
        </div>
      </Form>
      <section className="overflow-x-auto rounded-lg bg-white shadow-sm">
        {entries.length === 0 ? (
          <p className="p-4 text-sm text-gray-600">{t("audit.empty")}</p>
        ) : (
          <table className="min-w-full divide-y divide-gray-200 text-sm" data-testid="audit-table">
            <thead className="bg-gray-50 text-left text-gray-600">
              <tr>
                {(["at", "actor", "action", "entity", "details"] as const).map((c) => (
                  <th key={c} scope="col" className="px-3 py-2 font-medium">
                    {t(`audit.columns.${c}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-gray-100 align-top">
              {entries.map((e) => (
                <tr key={e.id} data-action={e.action}>
                  <td className="whitespace-nowrap px-3 py-2 font-mono text-xs">{e.at.replace("T", " ").slice(0, 19)}</td>
                  <td className="px-3 py-2">{e.actor_label}</td>
                  <td className="px-3 py-2 font-mono text-xs">{e.action}</td>
                  <td className="px-3 py-2">
                    {e.entity}
                    {e.entity_id ? ` ${e.entity_id}` : ""}
                  </td>
                  <td className="max-w-xl break-all px-3 py-2 font-mono text-xs text-gray-700">
                    {e.before ? `${e.before.slice(0, 300)} → ` : ""}
                    {(e.after ?? "").slice(0, 300)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <nav className="flex items-center gap-4 text-sm" aria-label={t("audit.page", { page, pages })}>
        {page > 1 ? <Link to={pageLink(page - 1)} className="text-blue-700 hover:underline">{t("audit.previous")}</Link> : null}
        <span>{t("audit.page", { page, pages })}</span>
        {page < pages ? <Link to={pageLink(page + 1)} className="text-blue-700 hover:underline">{t("audit.next")}</Link> : null}
      </nav>
    </div>
  );
}

export const ErrorBoundary = DashboardErrorBoundary;
