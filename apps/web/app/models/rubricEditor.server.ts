import { formatIssuePath, type Rubric, type RubricIssue, type ScalarRule } from "@starboard/kpi";
import { z } from "zod";

/**
 * The rubric editor form. Every input is named by its path in the rubric, the same path the
 * engine's validation reports (`dimensions[1].metrics[0].rule.bands[2].lower`), so each problem
 * lands next to the field it is about. Weights are edited in percent (`…weightPct`).
 */
export type FormValues = Record<string, string>;

/** A number typed by a person: digits with an optional '.', leading '-' allowed; "" is empty. */
const numberText = z
  .string()
  .trim()
  .regex(/^-?\d+(\.\d+)?$/, "not_a_number")
  .transform(Number);
const percentText = z
  .string()
  .trim()
  .regex(/^\d{1,3}(\.\d{1,2})?$/, "not_a_percent")
  .transform((s) => Math.round(Number(s) * 100));
const wholeText = z.string().trim().regex(/^\d+$/, "not_a_whole_number").transform(Number);

export interface FieldProblem {
  path: string;
  /** Translation key under `rubrics:field.` */
  code: "not_a_number" | "not_a_percent" | "not_a_whole_number" | "required";
}

export interface EditorParse {
  rubric: Rubric;
  fieldProblems: FieldProblem[];
}

/** Every editable field of a rubric with its current value as text (what the form shows). */
export function formValuesOf(rubric: Rubric): FormValues {
  const values: FormValues = { name: rubric.name, scale: String(rubric.scale) };
  const scalar = (rule: ScalarRule, at: string) => {
    switch (rule.type) {
      case "bands":
        rule.bands.forEach((b, i) => {
          values[`${at}.bands[${i}].lower`] = b.lower === null ? "" : String(b.lower);
          values[`${at}.bands[${i}].upper`] = b.upper === null ? "" : String(b.upper);
          values[`${at}.bands[${i}].points`] = String(b.points);
        });
        break;
      case "step":
        for (const k of ["threshold", "step", "pointsPerStep", "top", "floor"] as const) values[`${at}.${k}`] = String(rule[k]);
        break;
      case "linear":
        values[`${at}.factor`] = String(rule.factor);
        break;
    }
  };
  rubric.dimensions.forEach((d, di) =>
    d.metrics.forEach((m, mi) => {
      const at = formatIssuePath(["dimensions", di, "metrics", mi]);
      values[`${at}.weightPct`] = String(m.weightBp / 100);
      values[`${at}.minSample`] = String(m.minSample);
      if (m.rule.type === "per_channel") {
        for (const [channel, rule] of Object.entries(m.rule.channels)) if (rule) scalar(rule, `${at}.rule.channels.${channel}`);
      } else scalar(m.rule, `${at}.rule`);
    }),
  );
  return values;
}

/**
 * Applies the submitted values onto the stored rubric's structure (the form edits numbers and
 * names; adding metrics or bands is done in the JSON view). Unparseable fields are reported
 * and keep the stored value, so the engine's validation still runs on everything else.
 */
export function applyEditorForm(base: Rubric, form: FormData): { values: FormValues; parse: EditorParse } {
  const rubric = structuredClone(base) as Rubric;
  const expected = formValuesOf(base);
  const values: FormValues = {};
  for (const key of Object.keys(expected)) {
    const raw = form.get(key);
    values[key] = typeof raw === "string" ? raw.slice(0, 200) : "";
  }
  const fieldProblems: FieldProblem[] = [];
  const num = (path: string, schema: z.ZodType<number, z.ZodTypeDef, string>, optional = false): number | null | undefined => {
    const text = values[path] ?? "";
    if (text.trim() === "") {
      if (optional) return null;
      fieldProblems.push({ path, code: "required" });
      return undefined;
    }
    const parsed = schema.safeParse(text);
    if (!parsed.success) {
      fieldProblems.push({ path, code: parsed.error.issues[0]!.message as FieldProblem["code"] });
      return undefined;
    }
    return parsed.data;
  };
  const name = (values.name ?? "").trim();
  if (name === "") fieldProblems.push({ path: "name", code: "required" });
  else rubric.name = name;
  const scale = Number(values.scale);
  if (scale === 5 || scale === 10) rubric.scale = scale;

  const scalar = (rule: ScalarRule, at: string) => {
    switch (rule.type) {
      case "bands":
        rule.bands.forEach((b, i) => {
          const lower = num(`${at}.bands[${i}].lower`, numberText, true);
          const upper = num(`${at}.bands[${i}].upper`, numberText, true);
          const points = num(`${at}.bands[${i}].points`, numberText);
          if (lower !== undefined) b.lower = lower;
          if (upper !== undefined) b.upper = upper;
          if (points !== undefined && points !== null) b.points = points;
        });
        break;
      case "step":
        for (const k of ["threshold", "step", "pointsPerStep", "top", "floor"] as const) {
          const v = num(`${at}.${k}`, numberText);
          if (v !== undefined && v !== null) rule[k] = v;
        }
        break;
      case "linear": {
        const v = num(`${at}.factor`, numberText);
        if (v !== undefined && v !== null) rule.factor = v;
        break;
      }
    }
  };
  rubric.dimensions.forEach((d, di) =>
    d.metrics.forEach((m, mi) => {
      const at = formatIssuePath(["dimensions", di, "metrics", mi]);
      const weight = num(`${at}.weightPct`, percentText);
      if (weight !== undefined && weight !== null) m.weightBp = weight;
      const minSample = num(`${at}.minSample`, wholeText);
      if (minSample !== undefined && minSample !== null) m.minSample = minSample;
      if (m.rule.type === "per_channel") {
        for (const [channel, rule] of Object.entries(m.rule.channels)) if (rule) scalar(rule, `${at}.rule.channels.${channel}`);
      } else scalar(m.rule, `${at}.rule`);
    }),
  );
  return { values, parse: { rubric, fieldProblems } };
}

/** Engine issues speak of `weightBp`; the form edits `weightPct`. */
export function issueForForm(issue: RubricIssue): RubricIssue {
  return { ...issue, path: issue.path.replace(/\.weightBp$/, ".weightPct") };
}
