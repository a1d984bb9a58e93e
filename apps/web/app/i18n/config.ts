import type { InitOptions } from "i18next";
import { DEFAULT_NAMESPACE, FALLBACK_LANGUAGE, NAMESPACES, resources, SUPPORTED_LANGUAGES } from "./resources";

/** i18next options shared by the server (per request) and the browser. */
export const i18nConfig = {
  supportedLngs: [...SUPPORTED_LANGUAGES],
  fallbackLng: FALLBACK_LANGUAGE,
  defaultNS: DEFAULT_NAMESPACE,
  ns: NAMESPACES,
  resources,
  interpolation: { escapeValue: false }, // React escapes
  react: { useSuspense: false },
} satisfies InitOptions;
