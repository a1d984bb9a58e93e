import { useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

type Result =
  | { ok: true; intent: string; message: string; params?: Record<string, string | number> }
  | { ok: false; intent: string; error: string; params: Record<string, string | number> }
  | undefined;

/** The outcome of a QA action: a success line, or a translated error (never a stack trace). */
export function ActionMessage({ result }: { result: Result }) {
  const { t } = useTranslation("qa");
  // The action answers before the page's data is reloaded; announcing success only once the
  // reload has settled keeps the message and the page (status, totals) consistent.
  const settled = useNavigation().state === "idle";
  if (!result || (result.ok && !settled)) return <div className="min-h-[1rem]" />;
  if (result.ok) {
    return (
      <p role="status" className="rounded-md bg-emerald-50 p-3 text-sm text-emerald-800" data-testid="qa-success">
        {t(`success.${result.message}`, result.params ?? {})}
      </p>
    );
  }
  return (
    <p role="alert" className="rounded-md bg-rose-50 p-3 text-sm text-rose-800" data-testid="qa-error">
      {t(`errors.${result.error}`, { ...result.params, defaultValue: t("errors.generic") })}
      {typeof result.params.detail === "string" ? <span className="mt-1 block font-mono text-xs">{result.params.detail}</span> : null}
    </p>
  );
}
