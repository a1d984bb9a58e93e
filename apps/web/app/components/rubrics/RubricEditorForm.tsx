import { Form } from "@remix-run/react";
import type { Rubric, RubricIssue, ScalarRule } from "@starboard/kpi";
import { useTranslation } from "react-i18next";
import type { FieldProblem, FormValues } from "~/models/rubricEditor.server";
import { button, compactField, field } from "./ui";

function Problems({ ctx, path, exact = true }: { ctx: EditorState; path: string; exact?: boolean }) {
  const { t } = useTranslation("rubrics");
  const { fieldProblems, issues } = ctx;
    const own = fieldProblems.filter((p) => p.path === path);
    const engine = issues.filter((i) => (exact ? i.path === path : i.path === path || i.path.startsWith(`${path}.`) || i.path.startsWith(`${path}[`)));
    if (own.length === 0 && engine.length === 0) return null;
    return (
      <span className="mt-1 block text-xs font-normal text-rose-700" data-testid="field-problem" data-path={path}>
        {own.map((p) => t(`field.${p.code}`)).join(" ")}
        {engine.map((i) => t(`issue.${i.code}`, { message: i.message, defaultValue: i.message })).join(" ")}
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
                <Problems ctx={ctx} path={`${at}.bands[${i}]`} />
              </div>
            ))}
            <Problems ctx={ctx} path={`${at}.bands`} />
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
}

interface EditorProps {
  rubric: Rubric;
  values: FormValues;
  fieldProblems: FieldProblem[];
  issues: RubricIssue[];
  editable: boolean;
  busy: boolean;
}

/** The form-based rubric editor: every number of the rubric, each problem shown where it is. */
export function RubricEditorForm({ rubric, values, fieldProblems, issues, editable, busy }: EditorProps) {
  const { t } = useTranslation("rubrics");
  const { t: td } = useTranslation("dashboard");

  const ctx: EditorState = { values, fieldProblems, issues, editable };

  return (
    <Form method="post" className="space-y-4" data-testid="rubric-editor">
      <input type="hidden" name="intent" value="save" />
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
          <legend className="px-1 text-sm font-semibold">{d.name}</legend>
          <div className="space-y-4">
            {d.metrics.map((m, mi) => {
              const at = `dimensions[${di}].metrics[${mi}]`;
              return (
                <div key={m.key} className="space-y-2" data-testid="metric-block" data-metric={m.key}>
                  <h3 className="text-sm font-medium">
                    {td(`metric.${m.key}`, { defaultValue: m.key })} <code className="text-xs text-gray-500">{m.key}</code>
                  </h3>
                  <div className="flex flex-wrap gap-3">
                    <Input ctx={ctx} name={`${at}.weightPct`} label={t("editor.weight", { metric: m.key })} />
                    <Input ctx={ctx} name={`${at}.minSample`} label={t("editor.minSample")} />
                  </div>
                  {m.rule.type === "per_channel"
                    ? Object.entries(m.rule.channels).map(([channel, rule]) =>
                        rule ? (
                          <div key={channel} className="ml-2 border-l-2 border-gray-100 pl-3">
                            <p className="text-xs font-medium text-gray-600">{td(`channel.${channel}`, { defaultValue: channel })}</p>
                            <ScalarRuleFields ctx={ctx} rule={rule} at={`${at}.rule.channels.${channel}`} />
                          </div>
                        ) : null,
                      )
                    : <ScalarRuleFields ctx={ctx} rule={m.rule} at={`${at}.rule`} />}
                  <Problems ctx={ctx} path={`${at}.rule`} />
                  <Problems ctx={ctx} path={`${at}.key`} />
                </div>
              );
            })}
          </div>
        </fieldset>
      ))}
      {editable ? (
        <button type="submit" className={button} disabled={busy}>
          {busy ? t("editor.saving") : t("editor.save")}
        </button>
      ) : null}
    </Form>
  );
}
