import { readFileSync } from "node:fs";
import {
  CONTACT_CENTRE_10_POINT,
  FIVE_DIMENSION_531,
  parseWeightOverrides,
  reweightRubric,
  type Rubric,
  type RubricIssue,
  validateRubric,
} from "@starboard/kpi";
import { createInstance, type i18n } from "i18next";
import { beforeAll, describe, expect, it } from "vitest";
import { issueText } from "../app/components/rubrics/RubricErrors";

/**
 * Rubric problems come from the engine in English with a message key and the values they name;
 * the editor translates the key. Each template must say exactly what the engine says in English,
 * and the Chinese one must name every value with no English left over. The corpus below breaks
 * a preset in every way the engine words differently.
 */
const locale = (lng: string) => JSON.parse(readFileSync(new URL(`../app/locales/${lng}/rubrics.json`, import.meta.url), "utf8")) as { issue: Record<string, string> };
const EN = locale("en");

let i18nInstance: i18n;
beforeAll(async () => {
  i18nInstance = createInstance();
  await i18nInstance.init({
    resources: { en: { rubrics: EN }, "zh-CN": { rubrics: locale("zh-CN") } },
    ns: ["rubrics"],
    defaultNS: "rubrics",
    lng: "en",
    interpolation: { escapeValue: false },
  });
});
const render = (lng: string, issue: RubricIssue) => {
  expect(i18nInstance.exists(`issue.${issue.messageKey}`, { lng, ns: "rubrics" }), `${lng} has issue.${issue.messageKey}`).toBe(true);
  return issueText(i18nInstance.getFixedT(lng, "rubrics"), issue);
};

type Edit = (r: Rubric) => unknown;
const broken = (preset: Rubric, edit: Edit): RubricIssue[] => {
  const r = structuredClone(preset) as Rubric;
  const result = edit(r);
  const validation = validateRubric(result === undefined ? r : result);
  return validation.ok ? [] : validation.issues;
};
const fcr = (r: Rubric) => (r.dimensions[1]!.metrics[0]!.rule as { bands: { lower: number | null; upper: number | null; points: number }[] }).bands;
const chat = (r: Rubric) => (r.dimensions[0]!.metrics[1]!.rule as { bands: { lower: number | null; upper: number | null; points: number }[] }).bands;
const repeat = (r: Rubric) => r.dimensions[4]!.metrics[1]!;
const phone = (r: Rubric) => (r.dimensions[0]!.metrics[0]!.rule as { channels: Record<string, Record<string, number | string>> }).channels.phone!;
const step = { type: "step", threshold: 5, step: 1, pointsPerStep: 1, top: 10, floor: 0 };

const C = CONTACT_CENTRE_10_POINT;
const F = FIVE_DIMENSION_531;
const corpus: [Rubric, Edit][] = [
  [C, (r) => void (fcr(r)[1] = { lower: 92, upper: 92, points: 8 })],
  [C, (r) => void (fcr(r)[0]!.points = 11)],
  [C, (r) => void fcr(r).reverse()],
  [F, (r) => void chat(r).reverse()],
  [C, (r) => void (fcr(r)[1]!.upper = 94)],
  [C, (r) => void (fcr(r)[1]!.upper = 96)],
  [C, (r) => void (fcr(r)[1]!.upper = null)],
  [F, (r) => void (chat(r)[1]!.lower = 25)],
  [F, (r) => void (chat(r)[1]!.lower = null)],
  [C, (r) => void (fcr(r)[0]!.upper = 99)],
  [C, (r) => void (fcr(r)[3]!.lower = 10)],
  [F, (r) => void (chat(r)[0]!.lower = 5)],
  [F, (r) => void (chat(r)[2]!.upper = 120)],
  [F, (r) => void ((repeat(r).rule as { bands: { upper: number | null }[] }).bands[2]!.upper = 50)],
  [C, (r) => void (fcr(r)[2]!.points = 9)],
  [C, (r) => void (r.dimensions[2]!.metrics[0]!.rule = { ...step } as never)],
  [C, (r) => void (phone(r).top = 11)],
  [C, (r) => void Object.assign(phone(r), { top: 5, floor: 6 })],
  [C, (r) => void (phone(r).threshold = 0.5, (phone(r).threshold = -1))],
  [F, (r) => void (repeat(r).rule = { ...step, threshold: 150 } as never)],
  [F, (r) => void (r.dimensions[0]!.metrics[1]!.rule = { type: "linear", factor: 1 })],
  [C, (r) => void (r.dimensions[1]!.key = "responsiveness")],
  [C, (r) => void (r.dimensions[3]!.metrics[0]!.key = "first_contact_resolution")],
  [C, (r) => void (r.dimensions[3]!.metrics[0]!.weightBp = 0)],
  [C, (r) => void (r.dimensions[3]!.metrics[0]!.rule = { type: "per_channel", channels: { phone: { type: "linear", factor: 1 } } })],
  [C, (r) => void (r.dimensions[0]!.metrics[0]!.rule = { type: "per_channel", channels: {} })],
  [C, (r) => void (r.dimensions[0]!.metrics[0]!.rule = { type: "linear", factor: 1 })],
  [C, (r) => ({ ...r, name: undefined })],
  [C, (r) => void (r.dimensions[3]!.metrics[0]!.weightBp = 3999.5)],
  [C, (r) => ({ ...r, name: 5 })],
  [C, (r) => ({ ...r, dimensions: 5 })],
  [C, (r) => void (r.dimensions[3]!.metrics[0]!.minSample = -1)],
  [C, (r) => void (phone(r).step = 0)],
  [C, (r) => void (r.dimensions[3]!.metrics = [])],
  [C, (r) => ({ ...r, name: "" })],
  [C, (r) => void (r.dimensions[3]!.metrics[0]!.weightBp = 20_000)],
  [C, (r) => void ((r.dimensions[3]!.metrics[0] as { key: string }).key = "nope")],
  [C, (r) => void ((r.dimensions[3]!.metrics[0]!.rule as { type: string }).type = "nope")],
  [C, (r) => void Object.assign((r.dimensions[0]!.metrics[0]!.rule as { channels: object }).channels, { fax: step })],
  [C, (r) => void Object.assign((r.dimensions[0]!.metrics[0]!.rule as { channels: object }).channels, { fax: step, sms: step })],
  [C, (r) => ({ ...r, scale: 7 })],
];

const issues: RubricIssue[] = [
  ...corpus.flatMap(([preset, edit]) => broken(preset, edit)),
  ...(() => {
    const parsed = parseWeightOverrides("csat,nope=10,csat=abc,qa_score=10,qa_score=20");
    return parsed.ok ? [] : parsed.issues;
  })(),
  ...reweightRubric(structuredClone(C), new Map([["empathy", 1000]])).issues,
];

/** Keys no rubric can produce today, kept for when a metric or schema rule makes them reachable. */
const NOT_REACHABLE_TODAY = new Set([
  "bands_miss_top_best_unbounded", // no higher-is-better metric is unbounded above
  "zod_less_than", // no exclusive maximum in the schema
  "zod_entries", // every list needs at least one entry
]);
/** zod's own wording for anything the engine does not reword; shown as it comes. */
const RAW_ZOD = new Set(["invalid_type", "too_small", "too_big", "invalid_enum_value", "invalid_union_discriminator", "unrecognized_keys", "invalid_union", "invalid_literal", "custom"]);

describe("rubric problems in the editor's languages", () => {
  it("the corpus reaches every worded problem the engine has", () => {
    const reached = new Set(issues.map((i) => i.messageKey));
    const expected = Object.keys(EN.issue).filter((k) => !RAW_ZOD.has(k) && !NOT_REACHABLE_TODAY.has(k));
    expect(expected.filter((k) => !reached.has(k))).toEqual([]);
    expect(issues.filter((i) => RAW_ZOD.has(i.messageKey))).toEqual([]);
  });

  it("the English template says exactly what the engine says", () => {
    for (const issue of issues) expect(render("en", issue), issue.messageKey).toBe(issue.message);
  });

  it("the Chinese template names every value and leaves no English wording", () => {
    for (const issue of issues) {
      const zh = render("zh-CN", issue);
      expect(zh, issue.messageKey).not.toMatch(/\{\{/);
      for (const value of Object.values(issue.params)) expect(zh, `${issue.messageKey} names ${value}`).toContain(String(value));
      // Metric keys, paths and numbers may stay as they are; ordinary English words may not.
      const words = zh.replace(/[a-z_]+\[\d+\]|[a-z]+(?:_[a-z0-9]+)+|"[^"]*"|“[^”]*”/g, "").match(/\b[a-z]{3,}\b/gi) ?? [];
      const allowed = new Set([...Object.values(issue.params).flatMap((v) => String(v).match(/[a-z]{3,}/gi) ?? [])].map((w) => w.toLowerCase()));
      expect(words.filter((w) => !allowed.has(w.toLowerCase())), `${issue.messageKey}: ${zh}`).toEqual([]);
    }
  });
});
