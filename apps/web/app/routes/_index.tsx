import { type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { useTranslation } from "react-i18next";
import { homePathFor, requireUser } from "~/utils/session.server";

/** `/` sends everyone to their start page: HR → /hr, manager → first team, agent → /me, anonymous → /login. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const home = homePathFor(user);
  if (home) throw redirect(home);
  return null; // a manager with no team yet
}

export default function Index() {
  const { t } = useTranslation();
  return (
    <section className="mx-auto max-w-xl py-16 text-center">
      <h1 className="text-2xl font-bold">{t("home.noTeam.title")}</h1>
      <p className="mt-4 text-gray-600">{t("home.noTeam.body")}</p>
    </section>
  );
}
