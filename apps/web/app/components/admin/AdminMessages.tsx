import { useTranslation } from "react-i18next";

/** A translated form error from an admin action (`errors.<key>` in the admin namespace). */
export function AdminError({ result }: { result: { ok: false; error: string; params: Record<string, string | number> } }) {
  const { t } = useTranslation("admin");
  return (
    <p role="alert" className="rounded-md bg-rose-50 p-3 text-sm text-rose-800" data-testid="admin-error">
      {t(`errors.${result.error}`, { ...result.params, defaultValue: t("errors.badForm") })}
    </p>
  );
}

export function AdminNotice({ children, testId }: { children: React.ReactNode; testId?: string }) {
  return (
    <div role="status" className="rounded-md bg-emerald-50 p-3 text-sm text-emerald-800" data-testid={testId ?? "admin-notice"}>
      {children}
    </div>
  );
}

/** A one-time link, shown once, selectable for copying. */
export function OneTimeLink({ url }: { url: string }) {
  return (
    <code className="mt-2 block break-all rounded bg-white p-2 text-xs text-gray-900" data-testid="one-time-link">
      {url}
    </code>
  );
}

export const adminButton =
  "rounded-md bg-blue-600 px-4 py-2 text-sm font-medium text-white shadow-sm hover:bg-blue-500 disabled:cursor-wait disabled:opacity-60";
export const adminField = "mt-1 block w-full rounded-md border-gray-300 text-sm shadow-sm focus:border-blue-500 focus:ring-blue-500";
