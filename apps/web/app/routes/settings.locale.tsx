import { type ActionFunctionArgs, redirect } from "@remix-run/node";
import { z } from "zod";
import { localeCookie } from "~/i18n/i18next.server";
import { SUPPORTED_LANGUAGES } from "~/i18n/resources";
import { assertSameOrigin } from "~/utils/csrf.server";
import { readForm } from "~/utils/form.server";
import { safeRedirect } from "~/utils/redirect";

const LocaleForm = z.object({
  locale: z.enum(SUPPORTED_LANGUAGES),
  redirectTo: z.string().optional(),
});

/** POST locale=en|zh-CN (+ redirectTo): remembers the language in a cookie and goes back. */
export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const parsed = LocaleForm.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) throw new Response("Bad Request", { status: 400, statusText: "Bad Request" });
  return redirect(safeRedirect(parsed.data.redirectTo, "/"), {
    headers: { "Set-Cookie": await localeCookie.serialize(parsed.data.locale) },
  });
}

export async function loader() {
  return redirect("/");
}
