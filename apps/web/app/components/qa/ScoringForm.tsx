import { Form } from "@remix-run/react";
import { type QaAnswers, type QaFormDefinition, qaFormMaxPoints, scoreQaEvaluation } from "@starboard/kpi";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";

interface Props {
  form: QaFormDefinition;
  formId: number;
  intent: "review" | "calibrate" | "accept_dispute";
  submitLabel: string;
  initial?: QaAnswers | null;
  extra?: React.ReactNode;
  busy: boolean;
  testId: string;
}

/**
 * The fast scoring screen: one row per item (radio options or an occurrence count, and a
 * note), keyboard-friendly (Tab between items, arrow keys within options), with a running
 * total and a warning as soon as a key item fails. The server scores again; this is a preview.
 */
export function ScoringForm({ form, formId, intent, submitLabel, initial, extra, busy, testId }: Props) {
  const { t } = useTranslation("qa");
  const items = form.sections.flatMap((s) => s.items);
  const [answers, setAnswers] = useState<Record<string, string>>(() =>
    Object.fromEntries(
      items.map((item) => {
        const a = initial?.items[item.key];
        if (a && "option" in a) return [item.key, a.option];
        if (a && "occurrences" in a) return [item.key, String(a.occurrences)];
        return [item.key, item.scoring.type === "deduction" ? "0" : ""];
      }),
    ),
  );
  const [bonus, setBonus] = useState(String(initial?.bonusPoints ?? 0));
  const maxPoints = qaFormMaxPoints(form);

  const preview = useMemo(() => {
    const parsed: QaAnswers = { items: {}, bonusPoints: Number(bonus) || 0 };
    for (const item of items) {
      const v = answers[item.key] ?? "";
      if (v === "") continue;
      parsed.items[item.key] = item.scoring.type === "graded" ? { option: v } : { occurrences: Number(v) };
    }
    const answered = Object.keys(parsed.items).length;
    const result = scoreQaEvaluation(form, parsed);
    const failedKey = items.some((item) => {
      const v = answers[item.key];
      if (!item.fatal || v === undefined || v === "") return false;
      if (item.scoring.type === "graded") return item.scoring.options.find((o) => o.key === v)?.failed ?? false;
      return Number(v) >= item.scoring.failAtOccurrences;
    });
    const running = items.reduce((sum, item) => {
      const v = answers[item.key];
      if (v === undefined || v === "") return sum;
      if (item.scoring.type === "graded") return sum + (item.scoring.options.find((o) => o.key === v)?.points ?? 0);
      const sc = item.scoring;
      return sum + Math.max(sc.floorPoints, item.maxPoints - Number(v) * sc.pointsPerOccurrence);
    }, 0);
    return { answered, complete: result.ok, score: result.ok ? result.score : null, failedKey, running };
  }, [answers, bonus, form, items]);

  const total = preview.score ? preview.score.totalPoints : preview.failedKey ? 0 : Math.min(maxPoints, preview.running + (Number(bonus) || 0));

  return (
    <Form method="post" className="space-y-4" data-testid={testId}>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="formId" value={formId} />
      {extra}
      <div className="sticky top-0 z-10 flex flex-wrap items-center gap-4 rounded-md bg-white/95 p-3 shadow-sm" aria-live="polite">
        <p className="text-lg font-semibold" data-testid="running-total">
          {t("score.running", { points: total, max: maxPoints })}
        </p>
        <p className="text-sm text-gray-600">{t("score.answered", { answered: preview.answered, total: items.length })}</p>
        {preview.failedKey ? (
          <p role="alert" className="rounded-md bg-rose-50 px-3 py-1 text-sm font-semibold text-rose-800" data-testid="fatal-warning">
            {t("score.fatalWarning")}
          </p>
        ) : null}
      </div>
      {form.sections.map((section) => (
        <fieldset key={section.key} className="rounded-lg bg-white p-4 shadow-sm">
          <legend className="px-1 text-base font-semibold">{section.title}</legend>
          <div className="mt-2 space-y-4">
            {section.items.map((item) => (
              <div key={item.key} className="grid gap-2 sm:grid-cols-[1fr_auto]" data-testid={`item-${item.key}`}>
                <div>
                  <p className="text-sm font-medium" id={`label-${item.key}`}>
                    {item.title}{" "}
                    <span className="text-gray-500">({t("score.maxPoints", { points: item.maxPoints })})</span>{" "}
                    {item.fatal ? <span className="rounded bg-rose-100 px-1.5 text-xs font-semibold text-rose-800">{t("score.keyItem")}</span> : null}
                  </p>
                  <input
                    type="text"
                    name={`note.${item.key}`}
                    aria-label={t("score.noteFor", { item: item.title })}
                    placeholder={t("score.note")}
                    maxLength={1000}
                    defaultValue={initial?.items[item.key]?.note ?? ""}
                    className="mt-1 block w-full rounded-md border-gray-300 text-sm"
                  />
                </div>
                {item.scoring.type === "graded" ? (
                  <div role="radiogroup" aria-labelledby={`label-${item.key}`} className="flex flex-wrap items-center gap-2">
                    {item.scoring.options.map((option) => (
                      <label key={option.key} className="flex cursor-pointer items-center gap-1 rounded-md border border-gray-200 px-2 py-1 text-sm has-[:checked]:border-blue-600 has-[:checked]:bg-blue-50">
                        <input
                          type="radio"
                          name={`item.${item.key}`}
                          value={option.key}
                          required
                          checked={answers[item.key] === option.key}
                          onChange={() => setAnswers((a) => ({ ...a, [item.key]: option.key }))}
                        />
                        {t(`option.${option.key}`, { defaultValue: option.label })} ({option.points})
                      </label>
                    ))}
                  </div>
                ) : (
                  <label className="flex items-center gap-2 text-sm">
                    {t("score.occurrences", { points: item.scoring.pointsPerOccurrence })}
                    <input
                      type="number"
                      name={`item.${item.key}`}
                      min={0}
                      max={1000}
                      step={1}
                      required
                      value={answers[item.key] ?? "0"}
                      onChange={(e) => setAnswers((a) => ({ ...a, [item.key]: e.target.value }))}
                      className="w-20 rounded-md border-gray-300 text-sm"
                    />
                  </label>
                )}
              </div>
            ))}
          </div>
        </fieldset>
      ))}
      <div className="flex flex-wrap items-end gap-4">
        {form.bonusMaxPoints > 0 ? (
          <label className="text-sm font-medium">
            {t("score.bonus", { max: form.bonusMaxPoints })}
            <input
              type="number"
              name="bonus"
              min={0}
              max={form.bonusMaxPoints}
              step="any"
              value={bonus}
              onChange={(e) => setBonus(e.target.value)}
              className="mt-1 block w-24 rounded-md border-gray-300 text-sm"
            />
          </label>
        ) : (
          <input type="hidden" name="bonus" value="0" />
        )}
        <button type="submit" disabled={busy} className="rounded-md bg-blue-600 px-4 py-2 text-sm font-medium text-white hover:bg-blue-500 disabled:opacity-60">
          {submitLabel}
        </button>
      </div>
    </Form>
  );
}
