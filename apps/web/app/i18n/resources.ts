import type { Resource, ResourceLanguage } from "i18next";

/**
 * Every translation, bundled (no HTTP backend). Each file `app/locales/<lng>/<ns>.json` is one
 * namespace, picked up by the glob below: to add a namespace, add the JSON file in BOTH
 * `en/` and `zh-CN/` — nothing else to register (test/locales.test.ts checks both match).
 * Routes then declare it: `export const handle = { i18n: ["common", "<ns>"] }` and use
 * `useTranslation("<ns>")`.
 */
const files = import.meta.glob<{ default: ResourceLanguage }>("../locales/*/*.json", { eager: true });

export const SUPPORTED_LANGUAGES = ["en", "zh-CN"] as const;
export type Language = (typeof SUPPORTED_LANGUAGES)[number];
export const FALLBACK_LANGUAGE: Language = "en";
export const DEFAULT_NAMESPACE = "common";

export const resources: Resource = {};
const namespaceSet = new Set<string>();
for (const [path, mod] of Object.entries(files)) {
  const match = /\/locales\/([^/]+)\/([^/]+)\.json$/.exec(path);
  if (!match) continue;
  const [, lng, ns] = match as unknown as [string, string, string];
  (resources[lng] ??= {})[ns] = mod.default;
  namespaceSet.add(ns);
}

export const NAMESPACES: string[] = [...namespaceSet].sort();

export const isSupportedLanguage = (value: unknown): value is Language =>
  typeof value === "string" && (SUPPORTED_LANGUAGES as readonly string[]).includes(value);
