import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, checkPasswordLink, createContext, setPasswordWithLink, systemActor } from "@starboard/core";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { AdminError, AdminNotice, adminButton, adminField } from "~/components/admin/AdminMessages";
import { adminFailure, failure } from "~/models/adminErrors.server";
import { assertSameOrigin } from "~/utils/csrf.server";
import { readForm } from "~/utils/form.server";
import { getDb } from "~/utils/db.server";

export const handle = { i18n: ["common", "admin"] };
export const meta: MetaFunction = () => [{ title: "Starboard" }, { name: "referrer", content: "no-referrer" }];

/** Public on purpose: the one-time link is the credential. Valid or not, the page says nothing about whose it is. */
const tokenParam = z.string().regex(/^[A-Za-z0-9_-]{43}$/);
const resetForm = z.object({ password: z.string().max(4096), confirm: z.string().max(4096) });

export async function loader({ params }: LoaderFunctionArgs) {
  const token = tokenParam.safeParse(params.token);
  const db = await getDb();
  const valid = token.success && (await checkPasswordLink(createContext(db, systemActor("web:reset")), token.data));
  return { valid, min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH };
}

export async function action({ request, params }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const token = tokenParam.safeParse(params.token);
  if (!token.success) return failure("invalid_token");
  const form = resetForm.safeParse(Object.fromEntries(await readForm(request)));
  if (!form.success) return failure("badForm");
  if (form.data.password !== form.data.confirm) return failure("passwordMismatch");
  try {
    await setPasswordWithLink(createContext(await getDb(), systemActor("web:reset")), { token: token.data, password: form.data.password });
    return { ok: true as const };
  } catch (error) {
    return adminFailure(error);
  }
}

export default function ResetPasswordRoute() {
  const { valid, min, max } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation("admin");
  return (
    <section className="mx-auto mt-10 max-w-sm rounded-lg border border-gray-200 bg-white p-6 shadow-sm">
      <h1 className="text-xl font-semibold">{t("reset.title")}</h1>
      {result?.ok ? (
        <div className="mt-4 space-y-4">
          <AdminNotice testId="reset-done">{t("reset.done")}</AdminNotice>
          <Link to="/login" className="inline-block rounded-md bg-blue-600 px-4 py-2 text-sm font-medium text-white">
            {t("reset.signIn")}
          </Link>
        </div>
      ) : !valid ? (
        <p className="mt-4 text-sm text-rose-800" data-testid="reset-invalid">
          {t("reset.invalid")}
        </p>
      ) : (
        <Form method="post" className="mt-4 space-y-4">
          <p className="text-sm text-gray-600">{t("reset.help", { min })}</p>
          <label className="block text-sm font-medium text-gray-700">
            {t("reset.password")}
            <input name="password" type="password" required minLength={min} maxLength={max} autoComplete="new-password" className={adminField} />
          </label>
          <label className="block text-sm font-medium text-gray-700">
            {t("reset.confirm")}
            <input name="confirm" type="password" required minLength={min} maxLength={max} autoComplete="new-password" className={adminField} />
          </label>
          <div className="min-h-5">{result && !result.ok ? <AdminError result={result} /> : null}</div>
          <button type="submit" className={`${adminButton} w-full`}>
            {t("reset.submit")}
          </button>
        </Form>
      )}
    </section>
  );
}
