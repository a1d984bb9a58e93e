import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Form,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { type ReactNode, useEffect } from "react";
import { useTranslation } from "react-i18next";
import { useChangeLanguage } from "remix-i18next/react";
import { i18next } from "./i18n/i18next.server";
import { FALLBACK_LANGUAGE, SUPPORTED_LANGUAGES } from "./i18n/resources";
import { type NavUser, navUserFor } from "./root.server";
import stylesheet from "./tailwind.css?url";
import { useNonce } from "./utils/nonce";
import { getOptionalUser } from "./utils/session.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "Starboard" }];

export const handle = { i18n: "common" };

export async function loader({ request }: LoaderFunctionArgs) {
  const [locale, user] = await Promise.all([i18next.getLocale(request), getOptionalUser(request)]);
  return { locale, user: await navUserFor(user) };
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const locale = data?.locale ?? FALLBACK_LANGUAGE;
  const { i18n } = useTranslation();
  const nonce = useNonce();
  useChangeLanguage(locale);

  useEffect(() => {
    // E2E tests wait for this before interacting: the page is hydrated and interactive.
    document.documentElement.dataset.hydrated = "true";
  }, []);

  return (
    <html lang={locale} dir={i18n.dir(locale)} className="h-full bg-gray-50">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="min-h-full text-gray-900 antialiased">
        <TopNav user={data?.user ?? null} locale={locale} />
        <main className="mx-auto max-w-7xl px-4 py-6 sm:px-6 lg:px-8">{children}</main>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

function TopNav({ user, locale }: { user: NavUser | null; locale: string }) {
  const { t } = useTranslation();
  const links = navLinksFor(user, t);
  return (
    <header className="border-b border-gray-200 bg-white">
      <nav
        aria-label={t("nav.label")}
        className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3 sm:px-6 lg:px-8"
      >
        <Link to="/" className="text-lg font-semibold text-blue-700">
          {t("app.name")}
        </Link>
        <ul className="flex flex-wrap items-center gap-4 text-sm">
          {links.map((link) => (
            <li key={link.to}>
              <NavLink
                to={link.to}
                end
                className={({ isActive }) =>
                  isActive ? "font-semibold text-blue-700" : "text-gray-600 hover:text-gray-900"
                }
              >
                {link.label}
              </NavLink>
            </li>
          ))}
        </ul>
        <div className="ml-auto flex items-center gap-4 text-sm">
          <LanguageSwitch locale={locale} />
          {user ? (
            <>
              <Link to="/account" className="hidden text-gray-600 hover:text-gray-900 sm:inline" data-testid="current-user">
                {user.name}
              </Link>
              <Form method="post" action="/logout">
                <button type="submit" className="rounded-md px-2 py-1 text-gray-700 hover:bg-gray-100">
                  {t("nav.signOut")}
                </button>
              </Form>
            </>
          ) : null}
        </div>
      </nav>
    </header>
  );
}

function navLinksFor(user: NavUser | null, t: (key: string, options?: Record<string, unknown>) => string) {
  if (!user) return [];
  switch (user.role) {
    case "hr":
      return [
        { to: "/hr", label: t("nav.overview") },
        { to: "/hr/imports", label: t("nav.imports") },
        { to: "/hr/rubrics", label: t("nav", { ns: "rubrics" }) },
        { to: "/coaching", label: t("coaching:nav.coaching") },
        { to: "/hr/users", label: t("admin:nav.users") },
        { to: "/hr/audit", label: t("admin:nav.audit") },
        { to: "/hr/privacy", label: t("admin:nav.privacy") },
        { to: "/hr/cycle", label: t("cycle:nav.cycle") },
        { to: "/hr/settings", label: t("cycle:nav.settings") },
        { to: "/qa", label: t("nav.qa") },
      ];
    case "manager":
      return [
        ...user.teams.map((team) => ({ to: `/teams/${team.id}`, label: t("nav.team", { name: team.name }) })),
        { to: "/coaching", label: t("coaching:nav.coaching") },
        { to: "/qa", label: t("nav.qa") },
      ];
    case "agent":
      return [
        { to: "/me", label: t("nav.myStanding") },
        { to: "/me/coaching", label: t("coaching:nav.myCoaching") },
        { to: "/me/qa", label: t("nav.myQa") },
      ];
  }
}

function LanguageSwitch({ locale }: { locale: string }) {
  const { t } = useTranslation();
  const location = useLocation();
  return (
    <Form method="post" action="/settings/locale" className="flex items-center gap-1" aria-label={t("language.label")}>
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      {SUPPORTED_LANGUAGES.map((lng) => (
        <button
          key={lng}
          type="submit"
          name="locale"
          value={lng}
          lang={lng}
          aria-pressed={lng === locale}
          className={
            lng === locale
              ? "rounded-md bg-blue-50 px-2 py-1 font-semibold text-blue-700"
              : "rounded-md px-2 py-1 text-gray-600 hover:bg-gray-100"
          }
        >
          {t(`language.${lng}`)}
        </button>
      ))}
    </Form>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const kind = status === 404 ? "notFound" : status === 403 ? "forbidden" : status < 500 ? "badRequest" : "server";
  return (
    <section className="mx-auto max-w-xl py-16 text-center" data-testid="error-page" data-status={status}>
      <p className="text-sm font-semibold text-blue-700">{status}</p>
      <h1 className="mt-2 text-2xl font-bold tracking-tight">{t(`error.${kind}.title`)}</h1>
      <p className="mt-4 text-gray-600">{t(`error.${kind}.body`)}</p>
      <Link to="/" className="mt-8 inline-block rounded-md bg-blue-600 px-4 py-2 text-sm font-medium text-white">
        {t("error.home")}
      </Link>
      {import.meta.env.DEV && !isRouteErrorResponse(error) && error instanceof Error ? (
        <pre className="mt-8 overflow-auto text-left text-xs text-red-700">{error.stack}</pre>
      ) : null}
    </section>
  );
}
