import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AdminError, AdminNotice, OneTimeLink, adminButton, adminField } from "~/components/admin/AdminMessages";
import { DashboardErrorBoundary } from "~/components/dashboard/DashboardErrorBoundary";
import { handleInvite, usersPageData } from "~/models/users.server";
import { assertSameOrigin } from "~/utils/csrf.server";
import { readForm } from "~/utils/form.server";
import { getDb } from "~/utils/db.server";
import { requirePermission } from "~/utils/policy.server";
import { requireUser } from "~/utils/session.server";

export const handle = { i18n: ["common", "dashboard", "admin"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "manage_users");
  return usersPageData(await getDb());
}

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const user = await requireUser(request);
  requirePermission(user, "manage_users");
  return handleInvite(await getDb(), user, request, await readForm(request));
}

export default function UsersRoute() {
  const { users, teams, roles } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation("admin");
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-bold tracking-tight" data-testid="page-title">
          {t("users.title")}
        </h1>
        <p className="mt-1 text-sm text-gray-600">{t("users.help")}</p>
      </header>

      <section className="rounded-lg bg-white p-4 shadow-sm" aria-labelledby="invite-title">
        <h2 id="invite-title" className="text-lg font-semibold">
          {t("users.invite.title")}
        </h2>
        <Form method="post" className="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <input type="hidden" name="intent" value="invite" />
          <label className="text-sm font-medium text-gray-700">
            {t("users.invite.email")}
            <input name="email" type="email" required maxLength={254} className={adminField} />
          </label>
          <label className="text-sm font-medium text-gray-700">
            {t("users.invite.name")}
            <input name="name" required maxLength={200} className={adminField} />
          </label>
          <label className="text-sm font-medium text-gray-700">
            {t("users.invite.role")}
            <select name="role" className={adminField} defaultValue="agent">
              {roles.map((r) => (
                <option key={r} value={r}>
                  {t(`roles.${r}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="text-sm font-medium text-gray-700">
            {t("users.invite.agentCode")}
            <input name="agentCode" maxLength={64} className={adminField} />
          </label>
          <fieldset className="text-sm sm:col-span-2 lg:col-span-3">
            <legend className="font-medium text-gray-700">{t("users.invite.teams")}</legend>
            <div className="mt-1 flex flex-wrap gap-3">
              {teams.map((team) => (
                <label key={team.id} className="flex items-center gap-1">
                  <input type="checkbox" name="teamIds" value={team.id} className="rounded border-gray-300" />
                  {team.name}
                </label>
              ))}
            </div>
          </fieldset>
          <div className="flex items-end">
            <button type="submit" className={adminButton} disabled={navigation.state === "submitting"}>
              {t("users.invite.submit")}
            </button>
          </div>
        </Form>
        <div className="mt-4 min-h-5">
          {result?.ok === false ? <AdminError result={result} /> : null}
          {result?.ok && result.intent === "invite" ? (
            <AdminNotice testId="invite-done">
              {t("users.invite.done", { email: result.email })}
              <OneTimeLink url={result.url} />
            </AdminNotice>
          ) : null}
        </div>
      </section>

      <section className="overflow-x-auto rounded-lg bg-white shadow-sm">
        <table className="min-w-full divide-y divide-gray-200 text-sm" data-testid="users-table">
          <thead className="bg-gray-50 text-left text-gray-600">
            <tr>
              {(["email", "name", "role", "agent", "teams", "status", "password"] as const).map((c) => (
                <th key={c} scope="col" className="px-3 py-2 font-medium">
                  {t(`users.columns.${c}`)}
                </th>
              ))}
              <th scope="col" className="px-3 py-2" />
            </tr>
          </thead>
          <tbody className="divide-y divide-gray-100">
            {users.map((u) => (
              <tr key={u.id} data-email={u.email}>
                <td className="px-3 py-2">{u.email}</td>
                <td className="px-3 py-2">{u.name}</td>
                <td className="px-3 py-2">{t(`roles.${u.role}`)}</td>
                <td className="px-3 py-2">{u.agentCode ?? ""}</td>
                <td className="px-3 py-2">{u.teams.join(", ")}</td>
                <td className="px-3 py-2">{u.active ? t("users.active") : t("users.inactive")}</td>
                <td className="px-3 py-2">{u.passwordSet ? t("users.passwordSet") : t("users.passwordNotSet")}</td>
                <td className="px-3 py-2">
                  <Link to={`/hr/users/${u.id}`} className="text-blue-700 hover:underline" aria-label={`${t("users.edit")} ${u.email}`}>
                    {t("users.edit")}
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}

export const ErrorBoundary = DashboardErrorBoundary;
