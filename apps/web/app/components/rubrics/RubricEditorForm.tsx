import { Form } from "@remix-run/react";
import type { Rubric, RubricIssue, ScalarRule } from "@starboard/kpi";
import { useTranslation } from "react-i18next";
import type { FieldProblem, FormValues } from "~/models/rubricEditor.server";
import { issueText } from "./RubricErrors";
import { button, compactField, field } from "./ui";

const CHANNEL_KEYS = ["phone", "chat", "email"] as const;
const smallButton = "mt-5 rounded-md bg-white px-2 py-1 text-xs font-medium text-gray-800 shadow-sm ring-1 ring-inset ring-gray-300 hover:bg-gray-50 disabled:opacity-60";

/** A submit button of the editor form whose `intent` is a structural change (saved when the result validates). */
function IntentButton({ ctx, intent, label, testId }: { ctx: EditorState; intent: string; label: string; testId?: string }) {
  if (!ctx.editable) return null;
  return (
    <button type="submit" name="intent" value={intent} className={smallButton} disabled={ctx.busy} data-testid={testId}>
      {label}
    </button>
  );
}

function Problems({ ctx, path, exact = true }: { ctx: EditorState; path: string; exact?: boolean }) {
  const { t } = useTranslation("rubrics");
  const { fieldProblems, issues } = ctx;
    const own = fieldProblems.filter((p) => p.path === path);
    const engine = issues.filter((i) => (exact ? i.path === path : i.path === path || i.path.startsWith(`${path}.`) || i.path.startsWith(`${path}[`)));
    if (own.length === 0 && engine.length === 0) return null;
    return (
      <span className="mt-1 block text-xs font-normal text-rose-700" data-testid="field-problem" data-path={path}>
        {own.map((p) => t(`field.${p.code}`)).join(" ")}
        {engine.map((i) => issueText(t, i)).join(" ")}
      </span>
    );
}

function Input({ ctx, name, label, width = "w-24", optional = false }: { ctx: EditorState; name: string; label: string; width?: string; optional?: boolean }) {
  const { t } = useTranslation("rubrics");
  const { values, fieldProblems, issues, editable } = ctx;
  return (
    <label className="text-xs font-medium text-gray-700">
      {label}
      <input
        name={name}
        defaultValue={values[name] ?? ""}
        inputMode="decimal"
        disabled={!editable}
        placeholder={optional ? t("editor.open") : undefined}
        aria-invalid={fieldProblems.some((p) => p.path === name) || issues.some((i) => i.path === name)}
        className={`${compactField} ${width}`}
      />
      <Problems ctx={ctx} path={name} />
    </label>
  );
}

function ScalarRuleFields({ ctx, rule, at }: { ctx: EditorState; rule: ScalarRule; at: string }) {
  const { t } = useTranslation("rubrics");
    switch (rule.type) {
      case "bands":
        return (
          <div className="space-y-2">
            <p className="text-xs text-gray-500">{t("editor.bandsHelp")}</p>
            {rule.bands.map((_, i) => (
              <div key={i} className="flex flex-wrap items-start gap-3" data-testid="band-row">
                <span className="mt-6 w-16 text-xs text-gray-500">{t("editor.band", { n: i + 1 })}</span>
                <Input ctx={ctx} name={`${at}.bands[${i}].lower`} label={t("editor.lower")} optional />
                <Input ctx={ctx} name={`${at}.bands[${i}].upper`} label={t("editor.upper")} optional />
                <Input ctx={ctx} name={`${at}.bands[${i}].points`} label={t("editor.points")} width="w-20" />
                {rule.bands.length > 1 ? <IntentButton ctx={ctx} intent={`removeBand:${at}.bands[${i}]`} label={t("editor.removeBand", { n: i + 1 })} testId="remove-band" /> : null}
                <Problems ctx={ctx} path={`${at}.bands[${i}]`} />
              </div>
            ))}
            <Problems ctx={ctx} path={`${at}.bands`} />
            <IntentButton ctx={ctx} intent={`addBand:${at}`} label={t("editor.addBand")} testId="add-band" />
          </div>
        );
      case "step":
        return (
          <div className="flex flex-wrap gap-3">
            {(["threshold", "step", "pointsPerStep", "top", "floor"] as const).map((k) => (
              <Input ctx={ctx} key={k} name={`${at}.${k}`} label={t(`editor.step.${k}`)} />
            ))}
          </div>
        );
      case "linear":
        return <Input ctx={ctx} name={`${at}.factor`} label={t("editor.factor")} />;
    }
  }

interface EditorState {
  values: FormValues;
  fieldProblems: FieldProblem[];
  issues: RubricIssue[];
  editable: boolean;
  busy: boolean;
}

interface EditorProps {
  rubric: Rubric;
  /** Every metric the engine can compute (METRIC_KEYS); those not yet scored can be added. */
  metricKeys: readonly string[];
  values: FormValues;
  fieldProblems: FieldProblem[];
  issues: RubricIssue[];
  editable: boolean;
  busy: boolean;
}

/** The form-based rubric editor: every number of the rubric, each problem shown where it is. */
export function RubricEditorForm({ rubric, metricKeys, values, fieldProblems, issues, editable, busy }: EditorProps) {
  const { t } = useTranslation("rubrics");
  const { t: td } = useTranslation("dashboard");

  const ctx: EditorState = { values, fieldProblems, issues, editable, busy };
  const used = new Set(rubric.dimensions.flatMap((d) => d.metrics.map((m) => m.key as string)));
  const addable = metricKeys.filter((k) => !used.has(k));
  const metricOptions = addable.map((k) => (
    <option key={k} value={k}>
      {td(`metric.${k}`, { defaultValue: k })}
    </option>
  ));

  return (
    <Form method="post" className="space-y-4" data-testid="rubric-editor">
      {/* Enter in a field saves (the first submit button is the default one), never a structural change. */}
      {editable ? <button type="submit" name="intent" value="save" className="sr-only" tabIndex={-1} aria-hidden="true" /> : null}
      <input type="hidden" name="structure" value={JSON.stringify(rubric)} />
      <div className="flex flex-wrap gap-4">
        <label className="text-sm font-medium text-gray-700">
          {t("editor.name")}
          <input name="name" defaultValue={values.name ?? ""} disabled={!editable} className={`${field} w-80`} maxLength={120} />
          <Problems ctx={ctx} path="name" />
        </label>
        <label className="text-sm font-medium text-gray-700">
          {t("editor.scale")}
          <select name="scale" defaultValue={values.scale ?? "10"} disabled={!editable} className={`${field} w-32`}>
            <option value="10">{t("editor.scale10")}</option>
            <option value="5">{t("editor.scale5")}</option>
          </select>
          <Problems ctx={ctx} path="scale" />
        </label>
      </div>
      <Problems ctx={ctx} path="dimensions" />
      {rubric.dimensions.map((d, di) => (
        <fieldset key={d.key} className="rounded-md border border-gray-200 p-3">
          <legend className="px-1 text-sm font-semibold">
            {d.name} <code className="text-xs font-normal text-gray-500">{d.key}</code>
          </legend>
          <Problems ctx={ctx} path={`dimensions[${di}].key`} />
          <Problems ctx={ctx} path={`dimensions[${di}].metrics`} />
          <div className="space-y-4">
            {d.metrics.map((m, mi) => {
              const at = `dimensions[${di}].metrics[${mi}]`;
              const unruled = m.rule.type === "per_channel" ? CHANNEL_KEYS.filter((c) => m.rule.type === "per_channel" && !m.rule.channels[c]) : [];
              return (
                <div key={m.key} className="space-y-2" data-testid="metric-block" data-metric={m.key}>
                  <div className="flex flex-wrap items-baseline gap-3">
                    <h3 className="text-sm font-medium">
                      {td(`metric.${m.key}`, { defaultValue: m.key })} <code className="text-xs text-gray-500">{m.key}</code>
                    </h3>
                    {d.metrics.length > 1 || rubric.dimensions.length > 1 ? (
                      <IntentButton ctx={ctx} intent={`removeMetric:${at}`} label={t("editor.removeMetric", { metric: m.key })} testId="remove-metric" />
                    ) : null}
                  </div>
                  <div className="flex flex-wrap gap-3">
                    <Input ctx={ctx} name={`${at}.weightPct`} label={t("editor.weight", { metric: m.key })} />
                    <Input ctx={ctx} name={`${at}.minSample`} label={t("editor.minSample")} />
                  </div>
                  {m.rule.type === "per_channel"
                    ? Object.entries(m.rule.channels).map(([channel, rule]) =>
                        rule ? (
                          <div key={channel} className="ml-2 border-l-2 border-gray-100 pl-3" data-testid="channel-rule" data-channel={channel}>
                            <div className="flex flex-wrap items-baseline gap-3">
                              <p className="text-xs font-medium text-gray-600">{td(`channel.${channel}`, { defaultValue: channel })}</p>
                              {CHANNEL_KEYS.length - unruled.length > 1 ? (
                                <IntentButton ctx={ctx} intent={`removeChannel:${at}.rule.channels.${channel}`} label={t("editor.removeChannel", { channel: td(`channel.${channel}`, { defaultValue: channel }) })} />
                              ) : null}
                            </div>
                            <ScalarRuleFields ctx={ctx} rule={rule} at={`${at}.rule.channels.${channel}`} />
                          </div>
                        ) : null,
                      )
                    : <ScalarRuleFields ctx={ctx} rule={m.rule} at={`${at}.rule`} />}
                  {editable && unruled.length > 0 ? (
                    <div className="flex flex-wrap items-start gap-2">
                      <label className="text-xs font-medium text-gray-700">
                        {t("editor.newChannel")}
                        <select name={`${at}.newChannel`} className={`${compactField} w-40`}>
                          {unruled.map((c) => (
                            <option key={c} value={c}>
                              {td(`channel.${c}`, { defaultValue: c })}
                            </option>
                          ))}
                        </select>
                        <Problems ctx={ctx} path={`${at}.newChannel`} />
                      </label>
                      <IntentButton ctx={ctx} intent={`addChannel:${at}`} label={t("editor.addChannel")} />
                    </div>
                  ) : null}
                  <Problems ctx={ctx} path={`${at}.rule`} />
                  <Problems ctx={ctx} path={`${at}.key`} />
                </div>
              );
            })}
            {editable ? (
              <div className="flex flex-wrap items-start gap-2 border-t border-gray-100 pt-3">
                {addable.length > 0 ? (
                  <>
                    <label className="text-xs font-medium text-gray-700">
                      {t("editor.newMetric")}
                      <select name={`dimensions[${di}].newMetric`} className={`${compactField} w-64`}>
                        {metricOptions}
                      </select>
                      <Problems ctx={ctx} path={`dimensions[${di}].newMetric`} />
                    </label>
                    <IntentButton ctx={ctx} intent={`addMetric:dimensions[${di}]`} label={t("editor.addMetric")} testId="add-metric" />
                  </>
                ) : null}
                {rubric.dimensions.length > 1 ? (
                  <IntentButton ctx={ctx} intent={`removeDimension:dimensions[${di}]`} label={t("editor.removeDimension", { dimension: d.name })} testId="remove-dimension" />
                ) : null}
              </div>
            ) : null}
          </div>
        </fieldset>
      ))}
      {editable && addable.length > 0 ? (
        <fieldset className="rounded-md border border-dashed border-gray-300 p-3" data-testid="new-dimension">
          <legend className="px-1 text-sm font-semibold">{t("editor.newDimension")}</legend>
          <div className="flex flex-wrap items-start gap-3">
            <label className="text-xs font-medium text-gray-700">
              {t("editor.dimensionName")}
              <input name="newDimension.name" maxLength={80} className={`${compactField} w-64`} />
              <Problems ctx={ctx} path="newDimension.name" />
            </label>
            <label className="text-xs font-medium text-gray-700">
              {t("editor.firstMetric")}
              <select name="newDimension.metric" className={`${compactField} w-64`}>
                {metricOptions}
              </select>
              <Problems ctx={ctx} path="newDimension.metric" />
            </label>
            <IntentButton ctx={ctx} intent="addDimension" label={t("editor.addDimension")} testId="add-dimension" />
          </div>
          <p className="mt-2 text-xs text-gray-500">{t("editor.structureHelp")}</p>
        </fieldset>
      ) : null}
      {editable ? (
        <button type="submit" name="intent" value="save" className={button} disabled={busy}>
          {busy ? t("editor.saving") : t("editor.save")}
        </button>
      ) : null}
    </Form>
  );
}
