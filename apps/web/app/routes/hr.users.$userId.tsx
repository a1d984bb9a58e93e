import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AdminError, AdminNotice, OneTimeLink, adminButton, adminField } from "~/components/admin/AdminMessages";
import { DashboardErrorBoundary } from "~/components/dashboard/DashboardErrorBoundary";
import { handleUserAction, userEditData, userIdParam } from "~/models/users.server";
import { assertSameOrigin } from "~/utils/csrf.server";
import { readForm } from "~/utils/form.server";
import { getDb } from "~/utils/db.server";
import { requirePermission } from "~/utils/policy.server";
import { requireUser } from "~/utils/session.server";

export const handle = { i18n: ["common", "dashboard", "admin"] };

const notFound = () => new Response("Not Found", { status: 404, statusText: "Not Found" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "manage_users");
  const id = userIdParam.safeParse(params.userId);
  if (!id.success) throw notFound();
  const data = await userEditData(await getDb(), id.data);
  if (!data) throw notFound();
  return data;
}

export async function action({ request, params }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const user = await requireUser(request);
  requirePermission(user, "manage_users");
  const id = userIdParam.safeParse(params.userId);
  if (!id.success) throw notFound();
  const result = await handleUserAction(await getDb(), user, request, id.data, await readForm(request));
  if (!result.ok && result.error === "not_found") throw notFound();
  return result;
}

export default function EditUserRoute() {
  const { user, teams, roles } = useLoaderData<typeof loader>();
  // React Router publishes the action's result as soon as the action answers, while the loader
  // data (the status below) is still being revalidated: show the outcome only once both agree.
  const settled = useNavigation().state === "idle";
  const actionResult = useActionData<typeof action>();
  const result = settled ? actionResult : undefined;
  const { t } = useTranslation("admin");
  return (
    <div className="space-y-6">
      <header>
        <Link to="/hr/users" className="text-sm text-blue-700 hover:underline">
          {t("users.back")}
        </Link>
        <h1 className="mt-1 text-2xl font-bold tracking-tight" data-testid="page-title">
          {t("users.editTitle", { email: user.email })}
        </h1>
        <p className="text-sm text-gray-600" data-testid="user-status">
          {user.active ? t("users.active") : t("users.inactive")}
        </p>
      </header>

      <div className="min-h-5">
        {result?.ok === false ? <AdminError result={result} /> : null}
        {result?.ok ? (
          <AdminNotice testId={`done-${result.intent}`}>
            {result.intent === "update" ? t("users.saved") : null}
            {result.intent === "deactivate" ? t("users.deactivated", { email: result.email }) : null}
            {result.intent === "reactivate" ? t("users.reactivated", { email: result.email }) : null}
            {result.intent === "resetLink" ? (
              <>
                {t("users.resetDone", { email: result.email })}
                <OneTimeLink url={result.url} />
              </>
            ) : null}
          </AdminNotice>
        ) : null}
      </div>

      <section className="rounded-lg bg-white p-4 shadow-sm">
        <Form method="post" className="grid gap-4 sm:grid-cols-3" key={`${user.role}-${user.teamIds.join(",")}-${user.name}`}>
          <input type="hidden" name="intent" value="update" />
          <label className="text-sm font-medium text-gray-700">
            {t("users.invite.name")}
            <input name="name" required maxLength={200} defaultValue={user.name} className={adminField} />
          </label>
          <label className="text-sm font-medium text-gray-700">
            {t("users.invite.role")}
            <select name="role" defaultValue={user.role} className={adminField}>
              {roles.map((r) => (
                <option key={r} value={r}>
                  {t(`roles.${r}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="text-sm font-medium text-gray-700">
            {t("users.invite.agentCode")}
            <input name="agentCode" maxLength={64} defaultValue={user.agentCode} className={adminField} />
          </label>
          <fieldset className="text-sm sm:col-span-3">
            <legend className="font-medium text-gray-700">{t("users.invite.teams")}</legend>
            <div className="mt-1 flex flex-wrap gap-3">
              {teams.map((team) => (
                <label key={team.id} className="flex items-center gap-1">
                  <input type="checkbox" name="teamIds" value={team.id} defaultChecked={user.teamIds.includes(team.id)} className="rounded border-gray-300" />
                  {team.name}
                </label>
              ))}
            </div>
          </fieldset>
          <div>
            <button type="submit" className={adminButton}>
              {t("users.save")}
            </button>
          </div>
        </Form>
      </section>

      <section className="flex flex-wrap items-start gap-6 rounded-lg bg-white p-4 shadow-sm">
        <Form method="post">
          <input type="hidden" name="intent" value="resetLink" />
          <button type="submit" className={adminButton} disabled={!user.active}>
            {t("users.resetLink")}
          </button>
        </Form>
        <Form method="post" className="max-w-md">
          <input type="hidden" name="intent" value={user.active ? "deactivate" : "reactivate"} />
          <button
            type="submit"
            className={user.active ? "rounded-md bg-rose-600 px-4 py-2 text-sm font-medium text-white hover:bg-rose-500" : adminButton}
          >
            {user.active ? t("users.deactivate") : t("users.reactivate")}
          </button>
          {user.active ? <p className="mt-2 text-xs text-gray-600">{t("users.deactivateHelp")}</p> : null}
        </Form>
      </section>
    </div>
  );
}

export const ErrorBoundary = DashboardErrorBoundary;
