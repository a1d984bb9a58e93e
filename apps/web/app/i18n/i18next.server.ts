import { createCookie } from "@remix-run/node";
import { RemixI18Next } from "remix-i18next/server";
import { i18nConfig } from "./config";
import { FALLBACK_LANGUAGE, SUPPORTED_LANGUAGES } from "./resources";

/** Remembers the language chosen with the switch (set by routes/settings.locale.tsx). */
export const localeCookie = createCookie("starboard_lng", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
});

const { react: _clientOnly, ...serverOptions } = i18nConfig;

/**
 * Locale detection: the cookie, then Accept-Language, then English.
 * Server-side translation in a loader/action: `const t = await i18next.getFixedT(request, "common")`.
 */
export const i18next = new RemixI18Next({
  detection: {
    supportedLanguages: [...SUPPORTED_LANGUAGES],
    fallbackLanguage: FALLBACK_LANGUAGE,
    cookie: localeCookie,
    order: ["cookie", "header"],
  },
  i18next: serverOptions,
});
