import { useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

export type ActionMessageData =
  | { ok: true; done: string; params: Record<string, string | number> }
  | { ok: false; error: string; params: Record<string, string | number>; blockers?: Array<{ code: string; message: string; params: Record<string, string | number> }> };

/** A translated success or error line for a cycle/settings/appraisal action; never a stack trace. */
export function ActionMessage({ result }: { result: ActionMessageData | undefined }) {
  const { t } = useTranslation("cycle");
  // Announce success only once the page's data has reloaded, so the message and the page agree.
  const settled = useNavigation().state === "idle";
  if (!result || (result.ok && !settled)) return null;
  if (result.ok) {
    return (
      <p role="status" className="rounded-md bg-emerald-50 p-3 text-sm text-emerald-800" data-testid="action-success">
        {t(`done.${result.done}`, { ...result.params, from: stateName(t, result.params.from), to: stateName(t, result.params.to) })}
      </p>
    );
  }
  return (
    <div role="alert" className="rounded-md bg-rose-50 p-3 text-sm text-rose-800" data-testid="action-error">
      <p>{t(`error.${result.error}`, { defaultValue: t("error.generic"), ...result.params })}</p>
      {result.blockers ? (
        <ul className="mt-2 list-disc pl-5" data-testid="lock-blockers">
          {result.blockers.map((b, i) => (
            <li key={i}>{t(`blocker.${b.code}`, { defaultValue: b.message, ...b.params })}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function stateName(t: (k: string) => string, state: string | number | undefined): string {
  return typeof state === "string" ? t(`state.${state}`) : "";
}
