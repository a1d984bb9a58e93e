import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { assertSameOrigin } from "~/utils/csrf.server";
import { readForm } from "~/utils/form.server";
import { safeRedirect } from "~/utils/redirect";
import { getOptionalUser, homePathFor, signInAndCreateSession } from "~/utils/session.server";

/** Error messages are translation keys (namespace `common`), translated in the component. */
const LoginSchema = z.object({
  email: z
    .string({ required_error: "login.errors.emailRequired" })
    .trim()
    .max(254, "login.errors.emailInvalid")
    .email("login.errors.emailInvalid"),
  password: z.string({ required_error: "login.errors.passwordRequired" }).max(1024, "login.errors.invalidCredentials"),
  redirectTo: z.string().optional(),
});

export const meta: MetaFunction = () => [{ title: "Starboard" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  if (user) {
    const redirectTo = new URL(request.url).searchParams.get("redirectTo");
    throw redirect(safeRedirect(redirectTo, homePathFor(user) ?? "/"));
  }
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: LoginSchema });
  if (submission.status !== "success") {
    return submission.reply({ hideFields: ["password"] });
  }
  const result = await signInAndCreateSession(request, submission.value);
  if (!result.ok) {
    return submission.reply({
      formErrors: [result.throttled ? "login.errors.throttled" : "login.errors.invalidCredentials"],
      hideFields: ["password"],
    });
  }
  const fallback = homePathFor(result.user) ?? "/";
  return redirect(safeRedirect(submission.value.redirectTo, fallback), {
    headers: { "Set-Cookie": result.setCookie },
  });
}

export default function Login() {
  const { t } = useTranslation();
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const submitting = navigation.state !== "idle" && navigation.formAction === "/login";
  const [form, fields] = useForm({
    id: "login",
    lastResult,
    constraint: getZodConstraint(LoginSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LoginSchema }),
  });
  const translate = (errors: string[] | undefined) => errors?.map((key) => t(key)).join(" ");

  return (
    <section className="mx-auto mt-10 max-w-sm rounded-lg border border-gray-200 bg-white p-6 shadow-sm">
      <h1 className="text-xl font-semibold">{t("login.title")}</h1>
      <p className="mt-1 text-sm text-gray-600">{t("login.subtitle")}</p>
      <Form method="post" action="/login" className="mt-6 space-y-4" {...getFormProps(form)}>
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <div>
          <label htmlFor={fields.email.id} className="block text-sm font-medium text-gray-700">
            {t("login.email")}
          </label>
          <input
            {...getInputProps(fields.email, { type: "email" })}
            autoComplete="username"
            autoFocus
            className="mt-1 block w-full rounded-md border-gray-300 text-sm shadow-sm focus:border-blue-500 focus:ring-blue-500"
          />
          {/* Reserved height so an error never moves the button under a click. */}
          <p id={fields.email.errorId} className="mt-1 min-h-5 text-sm text-red-600">
            {translate(fields.email.errors)}
          </p>
        </div>
        <div>
          <label htmlFor={fields.password.id} className="block text-sm font-medium text-gray-700">
            {t("login.password")}
          </label>
          <input
            {...getInputProps(fields.password, { type: "password" })}
            autoComplete="current-password"
            className="mt-1 block w-full rounded-md border-gray-300 text-sm shadow-sm focus:border-blue-500 focus:ring-blue-500"
          />
          <p id={fields.password.errorId} className="mt-1 min-h-5 text-sm text-red-600">
            {translate(fields.password.errors)}
          </p>
        </div>
        <p id={form.errorId} role="alert" className="min-h-5 text-sm text-red-600" data-testid="login-error">
          {translate(form.errors)}
        </p>
        <button
          type="submit"
          disabled={submitting}
          className="w-full rounded-md bg-blue-600 px-4 py-2 text-sm font-medium text-white hover:bg-blue-700 disabled:opacity-60"
        >
          {submitting ? t("login.submitting") : t("login.submit")}
        </button>
      </Form>
    </section>
  );
}
