import { RemixBrowser } from "@remix-run/react";
import i18next from "i18next";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { i18nConfig } from "./i18n/config";
import { FALLBACK_LANGUAGE, isSupportedLanguage } from "./i18n/resources";

async function hydrate() {
  // Translations are bundled, so init is synchronous in effect; the server put the locale in <html lang>.
  const htmlLang = document.documentElement.lang;
  await i18next.use(initReactI18next).init({
    ...i18nConfig,
    lng: isSupportedLanguage(htmlLang) ? htmlLang : FALLBACK_LANGUAGE,
  });

  startTransition(() => {
    hydrateRoot(
      document,
      <I18nextProvider i18n={i18next}>
        <StrictMode>
          <RemixBrowser />
        </StrictMode>
      </I18nextProvider>,
    );
  });
}

void hydrate();
