import { type ActionFunctionArgs, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { contextFor } from "~/utils/context.server";
import { Form, useLoaderData } from "@remix-run/react";
import { signOutEverywhere } from "@starboard/core";
import { useTranslation } from "react-i18next";
import { adminButton } from "~/components/admin/AdminMessages";
import { assertSameOrigin } from "~/utils/csrf.server";
import { getDb } from "~/utils/db.server";
import { destroySession, requireUser } from "~/utils/session.server";

export const handle = { i18n: ["common", "admin"] };

/** Every signed-in user: who am I, and "sign out everywhere" (ends all of my sessions). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { name: user.name, email: user.email, role: user.role };
}

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const user = await requireUser(request);
  await signOutEverywhere(contextFor(await getDb(), user));
  return redirect("/login", { headers: { "Set-Cookie": await destroySession(request) } });
}

export default function AccountRoute() {
  const { name, email, role } = useLoaderData<typeof loader>();
  const { t } = useTranslation("admin");
  return (
    <div className="max-w-xl space-y-6">
      <h1 className="text-2xl font-bold tracking-tight" data-testid="page-title">
        {t("account.title")}
      </h1>
      <p className="text-sm text-gray-700">{t("account.signedInAs", { name, email, role: t(`roles.${role}`) })}</p>
      <section className="rounded-lg bg-white p-4 shadow-sm">
        <h2 className="text-lg font-semibold">{t("account.everywhereTitle")}</h2>
        <p className="mt-1 text-sm text-gray-600">{t("account.everywhereHelp")}</p>
        <Form method="post" className="mt-3">
          <button type="submit" className={adminButton}>
            {t("account.everywhere")}
          </button>
        </Form>
      </section>
    </div>
  );
}
