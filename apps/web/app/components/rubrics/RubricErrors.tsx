import type { RubricIssue } from "@starboard/kpi";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";

/** One engine problem in the reader's language (the engine's English when a key is unknown). */
export const issueText = (t: TFunction<"rubrics">, issue: RubricIssue): string =>
  t(`issue.${issue.messageKey}`, { ...issue.params, message: issue.message, defaultValue: issue.message });

/** A translated error, plus every rubric problem with where it is (the engine's precise message). */
export function RubricErrors({ error, params, issues, testId = "rubric-error" }: { error: string; params?: Record<string, string | number>; issues?: RubricIssue[]; testId?: string }) {
  const { t } = useTranslation("rubrics");
  return (
    <div role="alert" className="mt-4 rounded-md bg-rose-50 p-3 text-sm text-rose-800" data-testid={testId}>
      <p className="font-medium">{t(`error.${error}`, { ...params, count: issues?.length ?? 0, defaultValue: t("error.generic") })}</p>
      {issues && issues.length > 0 ? (
        <ul className="mt-2 list-disc space-y-1 pl-5" data-testid="rubric-issues">
          {issues.map((issue, i) => (
            <li key={i}>
              {issue.path ? <code className="text-xs">{issue.path}</code> : null} {issueText(t, issue)}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
