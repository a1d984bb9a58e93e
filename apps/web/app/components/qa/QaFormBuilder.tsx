import { Form } from "@remix-run/react";
import { QA_ITEM_METRIC_KEYS } from "@starboard/kpi";
import { type FormEvent, type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import type { DraftItem, FieldProblems, QaFormDraft } from "~/models/qaFormBuilder.server";

const input = "mt-1 block rounded-md border-gray-300 text-sm";
const smallButton = "rounded border border-gray-300 bg-white px-2 py-0.5 text-xs text-gray-700 hover:bg-gray-50 disabled:opacity-40";

function FieldError({ problems, name }: { problems: FieldProblems; name: string }) {
  const { t } = useTranslation("qa");
  const p = problems[name];
  if (!p) return null;
  return (
    <p id={`err-${name}`} className="mt-1 text-xs text-rose-700" data-testid="field-error" data-field={name}>
      {t(`builder.errors.${p.code}`, { ...p.params, defaultValue: t("builder.errors.invalid") })}
    </p>
  );
}

/** Props that tie a field to its problem (for screen readers and styling). */
const invalidProps = (problems: FieldProblems, name: string) =>
  problems[name] ? { "aria-invalid": true as const, "aria-describedby": `err-${name}`, className: `${input} border-rose-500` } : { className: input };

function Row({ children }: { children: ReactNode }) {
  return <div className="flex flex-wrap items-end gap-3">{children}</div>;
}

function IntentButton({ intent, label, children, disabled }: { intent: string; label?: string; children: ReactNode; disabled?: boolean }) {
  return (
    <button type="submit" name="intent" value={`builder:${intent}`} aria-label={label} title={label} className={smallButton} disabled={disabled} formNoValidate>
      {children}
    </button>
  );
}

function ItemEditor({ item, s, i, count, problems }: { item: DraftItem; s: number; i: number; count: number; problems: FieldProblems }) {
  const { t } = useTranslation("qa");
  const p = `sections[${s}].items[${i}]`;
  const n = i + 1;
  return (
    <fieldset className="space-y-3 rounded-md border border-gray-200 p-3" data-testid={`builder-item-${s}-${i}`}>
      <legend className="px-1 text-sm font-semibold">{t("builder.item", { n })}</legend>
      <div className="flex gap-1">
        <IntentButton intent={`moveItem:${s}:${i}:up`} label={t("builder.moveItemUp", { n })} disabled={i === 0}>
          ↑
        </IntentButton>
        <IntentButton intent={`moveItem:${s}:${i}:down`} label={t("builder.moveItemDown", { n })} disabled={i === count - 1}>
          ↓
        </IntentButton>
        <IntentButton intent={`removeItem:${s}:${i}`} label={t("builder.removeItem", { n })}>
          {t("builder.remove")}
        </IntentButton>
      </div>
      <Row>
        <label className="block min-w-[16rem] flex-1 text-sm">
          {t("builder.itemTitle")}
          <input type="text" name={`${p}.title`} defaultValue={item.title} {...invalidProps(problems, `${p}.title`)} />
          <FieldError problems={problems} name={`${p}.title`} />
        </label>
        <label className="block text-sm">
          {t("builder.itemKey")}
          <input type="text" name={`${p}.key`} defaultValue={item.key} {...invalidProps(problems, `${p}.key`)} />
          <FieldError problems={problems} name={`${p}.key`} />
        </label>
        <label className="block text-sm">
          {t("builder.maxPoints")}
          <input type="text" inputMode="decimal" name={`${p}.maxPoints`} defaultValue={item.maxPoints} data-max-points {...invalidProps(problems, `${p}.maxPoints`)} />
          <FieldError problems={problems} name={`${p}.maxPoints`} />
        </label>
      </Row>
      <Row>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name={`${p}.fatal`} defaultChecked={item.fatal} />
          {t("builder.fatal")}
        </label>
        <div className="text-sm">
          <label htmlFor={`${p}.metricKey`}>{t("builder.metric")}</label>
          <select id={`${p}.metricKey`} name={`${p}.metricKey`} defaultValue={item.metricKey} className={input}>
            <option value="">{t("builder.metricNone")}</option>
            {QA_ITEM_METRIC_KEYS.map((k) => (
              <option key={k} value={k}>
                {t(`builder.metrics.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="text-sm">
          <label htmlFor={`${p}.scoring.type`}>{t("builder.scoring")}</label>
          <select id={`${p}.scoring.type`} name={`${p}.scoring.type`} defaultValue={item.type} className={input}>
            <option value="graded">{t("builder.graded")}</option>
            <option value="deduction">{t("builder.deduction")}</option>
          </select>
        </div>
        <IntentButton intent="refresh" label={t("builder.applyScoring", { n })}>
          {t("builder.apply")}
        </IntentButton>
      </Row>
      <FieldError problems={problems} name={`${p}.scoring`} />
      {item.type === "graded" ? (
        <div className="space-y-2">
          <input type="hidden" name={`${p}.scoring.options.count`} value={item.options.length} />
          <p className="text-sm font-medium">{t("builder.options")}</p>
          {item.options.map((o, oi) => {
            const op = `${p}.scoring.options[${oi}]`;
            return (
              <Row key={`${o.key}-${oi}`}>
                <input type="hidden" name={`${op}.key`} value={o.key} />
                <label className="block text-sm">
                  {t("builder.optionLabel")}
                  <input type="text" name={`${op}.label`} defaultValue={o.label} {...invalidProps(problems, `${op}.label`)} />
                  <FieldError problems={problems} name={`${op}.label`} />
                </label>
                <label className="block text-sm">
                  {t("builder.optionPoints")}
                  <input type="text" inputMode="decimal" name={`${op}.points`} defaultValue={o.points} {...invalidProps(problems, `${op}.points`)} />
                  <FieldError problems={problems} name={`${op}.points`} />
                </label>
                <label className="flex items-center gap-2 pb-2 text-sm">
                  <input type="checkbox" name={`${op}.failed`} defaultChecked={o.failed} />
                  {t("builder.optionFailed")}
                </label>
                <div className="pb-2">
                  <IntentButton intent={`removeOption:${s}:${i}:${oi}`} label={t("builder.removeOption", { n: oi + 1, item: n })}>
                    {t("builder.remove")}
                  </IntentButton>
                </div>
              </Row>
            );
          })}
          <FieldError problems={problems} name={`${p}.scoring.options`} />
          <IntentButton intent={`addOption:${s}:${i}`} label={t("builder.addOptionTo", { n })} disabled={item.options.length >= 6}>
            {t("builder.addOption")}
          </IntentButton>
        </div>
      ) : (
        <Row>
          <label className="block text-sm">
            {t("builder.pointsPerOccurrence")}
            <input type="text" inputMode="decimal" name={`${p}.scoring.pointsPerOccurrence`} defaultValue={item.pointsPerOccurrence} {...invalidProps(problems, `${p}.scoring.pointsPerOccurrence`)} />
            <FieldError problems={problems} name={`${p}.scoring.pointsPerOccurrence`} />
          </label>
          <label className="block text-sm">
            {t("builder.floorPoints")}
            <input type="text" inputMode="decimal" name={`${p}.scoring.floorPoints`} defaultValue={item.floorPoints} {...invalidProps(problems, `${p}.scoring.floorPoints`)} />
            <FieldError problems={problems} name={`${p}.scoring.floorPoints`} />
          </label>
          <label className="block text-sm">
            {t("builder.failAtOccurrences")}
            <input type="text" inputMode="numeric" name={`${p}.scoring.failAtOccurrences`} defaultValue={item.failAtOccurrences} {...invalidProps(problems, `${p}.scoring.failAtOccurrences`)} />
            <FieldError problems={problems} name={`${p}.scoring.failAtOccurrences`} />
          </label>
        </Row>
      )}
    </fieldset>
  );
}

/** Sum of the item maximum fields as typed (the live form maximum; the server recomputes it). */
function sumMaxPoints(form: HTMLFormElement): number {
  let sum = 0;
  form.querySelectorAll<HTMLInputElement>("input[data-max-points]").forEach((el) => {
    const n = Number(el.value);
    if (el.value.trim() !== "" && Number.isFinite(n) && n > 0) sum += n;
  });
  return Math.round(sum * 100) / 100;
}

/**
 * The visual form editor. Every add / remove / move button submits the whole draft with an
 * `intent`, so it works without JavaScript; with it, the form maximum updates as you type.
 */
export function QaFormBuilder({ draft, problems, maxPoints, busy }: { draft: QaFormDraft; problems: FieldProblems; maxPoints: number; busy: boolean }) {
  const { t } = useTranslation("qa");
  const [total, setTotal] = useState(maxPoints);
  const problemCount = Object.keys(problems).length;
  const onChange = (e: FormEvent<HTMLFormElement>) => setTotal(sumMaxPoints(e.currentTarget));
  return (
    <Form method="post" className="space-y-4" data-testid="form-builder" onChange={onChange} noValidate>
      {/* Enter in a field only refreshes the draft; it never saves or removes anything. */}
      <button type="submit" name="intent" value="builder:refresh" className="sr-only" tabIndex={-1} aria-hidden="true" />
      <input type="hidden" name="isNew" value={draft.isNew ? "1" : "0"} />
      <input type="hidden" name="sections.count" value={draft.sections.length} />
      {problemCount > 0 ? (
        <p role="alert" className="rounded-md bg-rose-50 p-3 text-sm text-rose-800" data-testid="builder-problems">
          {t("builder.problems", { count: problemCount })}
        </p>
      ) : null}
      <Row>
        {draft.isNew ? (
          <label className="block text-sm font-medium">
            {t("forms.key")}
            <input type="text" name="formKey" defaultValue={draft.formKey} {...invalidProps(problems, "formKey")} />
            <span className="mt-1 block text-xs font-normal text-gray-500">{t("builder.formKeyHelp")}</span>
            <FieldError problems={problems} name="formKey" />
          </label>
        ) : (
          <p className="text-sm">
            {t("forms.key")}: <span className="font-mono">{draft.formKey}</span>
            <input type="hidden" name="formKey" value={draft.formKey} />
            <FieldError problems={problems} name="formKey" />
          </p>
        )}
        <label className="block min-w-[16rem] flex-1 text-sm font-medium">
          {t("builder.name")}
          <input type="text" name="name" defaultValue={draft.name} {...invalidProps(problems, "name")} />
          <FieldError problems={problems} name="name" />
        </label>
        <label className="block text-sm font-medium">
          {t("builder.bonus")}
          <input type="text" inputMode="decimal" name="bonusMaxPoints" defaultValue={draft.bonusMaxPoints} {...invalidProps(problems, "bonusMaxPoints")} />
          <FieldError problems={problems} name="bonusMaxPoints" />
        </label>
      </Row>
      <p className="text-xs text-gray-500">{t("builder.bonusHelp")}</p>
      <p className="text-sm font-semibold" data-testid="builder-max" aria-live="polite">
        {t("builder.maximum", { points: total })}
      </p>
      <FieldError problems={problems} name="sections" />
      {draft.sections.map((section, s) => {
        const sp = `sections[${s}]`;
        const n = s + 1;
        return (
          <section key={`${section.key}-${s}`} className="space-y-3 rounded-lg border border-gray-300 p-3" data-testid={`builder-section-${s}`}>
            <input type="hidden" name={`${sp}.key`} value={section.key} />
            <input type="hidden" name={`${sp}.items.count`} value={section.items.length} />
            <div className="flex flex-wrap items-end gap-3">
              <label className="block min-w-[16rem] flex-1 text-sm font-medium">
                {t("builder.sectionTitle", { n })}
                <input type="text" name={`${sp}.title`} defaultValue={section.title} {...invalidProps(problems, `${sp}.title`)} />
                <FieldError problems={problems} name={`${sp}.title`} />
              </label>
              <div className="flex gap-1 pb-2">
                <IntentButton intent={`moveSection:${s}:up`} label={t("builder.moveSectionUp", { n })} disabled={s === 0}>
                  ↑
                </IntentButton>
                <IntentButton intent={`moveSection:${s}:down`} label={t("builder.moveSectionDown", { n })} disabled={s === draft.sections.length - 1}>
                  ↓
                </IntentButton>
                <IntentButton intent={`removeSection:${s}`} label={t("builder.removeSection", { n })}>
                  {t("builder.remove")}
                </IntentButton>
              </div>
            </div>
            <FieldError problems={problems} name={`${sp}.items`} />
            {section.items.map((item, i) => (
              <ItemEditor key={`${item.key}-${i}`} item={item} s={s} i={i} count={section.items.length} problems={problems} />
            ))}
            <IntentButton intent={`addItem:${s}`} label={t("builder.addItemTo", { n })}>
              {t("builder.addItem")}
            </IntentButton>
          </section>
        );
      })}
      <div className="flex flex-wrap gap-2">
        <IntentButton intent="addSection">{t("builder.addSection")}</IntentButton>
      </div>
      <button type="submit" name="intent" value="builder:save" disabled={busy} className="rounded-md bg-blue-600 px-4 py-2 text-sm font-medium text-white">
        {t("builder.save")}
      </button>
    </Form>
  );
}
