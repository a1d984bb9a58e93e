import { QA_ITEM_METRIC_KEYS, type QaFormDefinition, type QaFormDefinitionInput, type QaItemMetricKey, qaFormDefinitionSchema } from "@starboard/kpi";
import type { ZodIssue } from "zod";

/**
 * The visual QA form builder works on a *draft*: the form as the fields hold it (strings,
 * so a bad value survives the round trip and is shown next to its field). Every builder
 * button is a submit with an `intent` (add / remove / move rows), so it works without
 * JavaScript; the draft is read back from the posted fields, changed, and rendered again.
 *
 * Field names follow the definition's paths (`sections[0].items[1].scoring.options[2].points`),
 * so a schema issue's path is the name of the field it belongs to.
 */
export interface DraftOption {
  key: string;
  label: string;
  points: string;
  failed: boolean;
}
export interface DraftItem {
  key: string;
  title: string;
  maxPoints: string;
  fatal: boolean;
  type: "graded" | "deduction";
  options: DraftOption[];
  pointsPerOccurrence: string;
  floorPoints: string;
  failAtOccurrences: string;
  metricKey: string;
}
export interface DraftSection {
  key: string;
  title: string;
  items: DraftItem[];
}
export interface QaFormDraft {
  formKey: string;
  isNew: boolean;
  name: string;
  bonusMaxPoints: string;
  sections: DraftSection[];
}
/** A field's problem as a translation code (`qa:builder.errors.<code>`) with its params. */
export interface FieldProblem {
  code: string;
  params: Record<string, string | number>;
}
export type FieldProblems = Record<string, FieldProblem>;

const MAX_SECTIONS = 20;
const MAX_ITEMS = 50;
const MAX_OPTIONS = 6;

const num = (n: number) => String(n);

export function defaultOptions(maxPoints: number): DraftOption[] {
  const avg = Math.round(maxPoints * 0.8 * 100) / 100;
  return [
    { key: "good", label: "Good", points: num(maxPoints), failed: false },
    { key: "average", label: "Average", points: num(avg), failed: false },
    { key: "poor", label: "Poor", points: "0", failed: true },
  ];
}

function newItem(key: string): DraftItem {
  return { key, title: "", maxPoints: "10", fatal: false, type: "graded", options: defaultOptions(10), pointsPerOccurrence: "1", floorPoints: "0", failAtOccurrences: "1", metricKey: "" };
}

function uniqueKey(prefix: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  for (let n = 1; ; n++) if (!used.has(`${prefix}_${n}`)) return `${prefix}_${n}`;
}

const allItemKeys = (draft: QaFormDraft) => draft.sections.flatMap((s) => s.items.map((i) => i.key));

/** A blank form: one section with one graded item. */
export function emptyDraft(): QaFormDraft {
  return { formKey: "", isNew: true, name: "", bonusMaxPoints: "0", sections: [{ key: "section_1", title: "", items: [newItem("item_1")] }] };
}

/** The draft of a stored definition (editing it saves a new version if it is in use). */
export function draftOf(formKey: string, definition: QaFormDefinition): QaFormDraft {
  return {
    formKey,
    isNew: false,
    name: definition.name,
    bonusMaxPoints: num(definition.bonusMaxPoints),
    sections: definition.sections.map((s) => ({
      key: s.key,
      title: s.title,
      items: s.items.map((item) => ({
        key: item.key,
        title: item.title,
        maxPoints: num(item.maxPoints),
        fatal: item.fatal,
        type: item.scoring.type,
        options: item.scoring.type === "graded" ? item.scoring.options.map((o) => ({ key: o.key, label: o.label, points: num(o.points), failed: o.failed })) : [],
        pointsPerOccurrence: item.scoring.type === "deduction" ? num(item.scoring.pointsPerOccurrence) : "1",
        floorPoints: item.scoring.type === "deduction" ? num(item.scoring.floorPoints) : "0",
        failAtOccurrences: item.scoring.type === "deduction" ? num(item.scoring.failAtOccurrences) : "1",
        metricKey: item.metricKey ?? "",
      })),
    })),
  };
}

const str = (data: FormData, name: string) => {
  const v = data.get(name);
  return typeof v === "string" ? v.slice(0, 1000) : "";
};
const count = (data: FormData, name: string, max: number) => {
  const n = Number(str(data, name));
  return Number.isInteger(n) && n >= 0 ? Math.min(n, max) : 0;
};

/** Reads the builder's posted fields back into a draft. */
export function draftFromForm(data: FormData): QaFormDraft {
  const sections: DraftSection[] = [];
  for (let s = 0; s < count(data, "sections.count", MAX_SECTIONS); s++) {
    const sp = `sections[${s}]`;
    const items: DraftItem[] = [];
    for (let i = 0; i < count(data, `${sp}.items.count`, MAX_ITEMS); i++) {
      const ip = `${sp}.items[${i}]`;
      const options: DraftOption[] = [];
      for (let o = 0; o < count(data, `${ip}.scoring.options.count`, MAX_OPTIONS); o++) {
        const op = `${ip}.scoring.options[${o}]`;
        options.push({ key: str(data, `${op}.key`), label: str(data, `${op}.label`), points: str(data, `${op}.points`).trim(), failed: data.get(`${op}.failed`) === "on" });
      }
      const type = str(data, `${ip}.scoring.type`) === "deduction" ? "deduction" : "graded";
      const maxPoints = str(data, `${ip}.maxPoints`).trim();
      const metricKey = str(data, `${ip}.metricKey`);
      items.push({
        key: str(data, `${ip}.key`).trim(),
        title: str(data, `${ip}.title`),
        maxPoints,
        fatal: data.get(`${ip}.fatal`) === "on",
        type,
        // Switching an item to graded options starts from good / average / poor.
        options: type === "graded" && options.length === 0 ? defaultOptions(Number(maxPoints) > 0 ? Number(maxPoints) : 10) : options,
        pointsPerOccurrence: str(data, `${ip}.scoring.pointsPerOccurrence`).trim() || "1",
        floorPoints: str(data, `${ip}.scoring.floorPoints`).trim() || "0",
        failAtOccurrences: str(data, `${ip}.scoring.failAtOccurrences`).trim() || "1",
        metricKey: (QA_ITEM_METRIC_KEYS as readonly string[]).includes(metricKey) ? metricKey : "",
      });
    }
    sections.push({ key: str(data, `${sp}.key`).trim(), title: str(data, `${sp}.title`), items });
  }
  return {
    formKey: str(data, "formKey").trim(),
    isNew: data.get("isNew") === "1",
    name: str(data, "name"),
    bonusMaxPoints: str(data, "bonusMaxPoints").trim(),
    sections,
  };
}

function move<T>(list: T[], index: number, dir: string): T[] {
  const to = dir === "up" ? index - 1 : index + 1;
  if (index < 0 || index >= list.length || to < 0 || to >= list.length) return list;
  const copy = [...list];
  [copy[index], copy[to]] = [copy[to]!, copy[index]!];
  return copy;
}

/**
 * Applies a builder button: `addSection`, `removeSection:s`, `moveSection:s:up|down`,
 * `addItem:s`, `removeItem:s:i`, `moveItem:s:i:up|down`, `addOption:s:i`, `removeOption:s:i:o`.
 * Anything else (e.g. `refresh`) returns the draft as it is.
 */
export function applyBuilderIntent(draft: QaFormDraft, intent: string): QaFormDraft {
  const [op, ...rest] = intent.split(":");
  const [a, b, c] = rest.map(Number);
  const dir = rest[rest.length - 1] ?? "";
  const sections = draft.sections.map((s) => ({ ...s, items: s.items.map((i) => ({ ...i, options: [...i.options] })) }));
  const section = a === undefined ? undefined : sections[a];
  const item = section && b !== undefined ? section.items[b] : undefined;
  switch (op) {
    case "addSection":
      if (sections.length < MAX_SECTIONS) {
        sections.push({ key: uniqueKey("section", sections.map((s) => s.key)), title: "", items: [newItem(uniqueKey("item", allItemKeys(draft)))] });
      }
      return { ...draft, sections };
    case "removeSection":
      return { ...draft, sections: sections.filter((_, s) => s !== a) };
    case "moveSection":
      return { ...draft, sections: move(sections, a ?? -1, dir) };
    case "addItem":
      if (section && section.items.length < MAX_ITEMS) section.items.push(newItem(uniqueKey("item", allItemKeys(draft))));
      return { ...draft, sections };
    case "removeItem":
      if (section) section.items = section.items.filter((_, i) => i !== b);
      return { ...draft, sections };
    case "moveItem":
      if (section) section.items = move(section.items, b ?? -1, dir);
      return { ...draft, sections };
    case "addOption":
      if (item && item.options.length < MAX_OPTIONS) {
        item.options.push({ key: uniqueKey("option", item.options.map((o) => o.key)), label: "", points: "0", failed: false });
      }
      return { ...draft, sections };
    case "removeOption":
      if (item) item.options = item.options.filter((_, o) => o !== c);
      return { ...draft, sections };
    default:
      return draft;
  }
}

/** A number field: a blank or non-numeric value stays NaN, which the schema reports. */
const toNumber = (v: string) => (v.trim() === "" ? Number.NaN : Number(v));

/** The definition the draft describes (not yet validated). */
export function definitionOf(draft: QaFormDraft): QaFormDefinitionInput {
  return {
    name: draft.name.trim(),
    bonusMaxPoints: draft.bonusMaxPoints === "" ? 0 : toNumber(draft.bonusMaxPoints),
    sections: draft.sections.map((s) => ({
      key: s.key,
      title: s.title.trim(),
      items: s.items.map((i) => ({
        key: i.key,
        title: i.title.trim(),
        maxPoints: toNumber(i.maxPoints),
        fatal: i.fatal,
        scoring:
          i.type === "graded"
            ? { type: "graded" as const, options: i.options.map((o) => ({ key: o.key, label: o.label.trim(), points: toNumber(o.points), failed: o.failed })) }
            : {
                type: "deduction" as const,
                pointsPerOccurrence: toNumber(i.pointsPerOccurrence),
                floorPoints: toNumber(i.floorPoints),
                failAtOccurrences: toNumber(i.failAtOccurrences),
              },
        ...(i.metricKey ? { metricKey: i.metricKey as QaItemMetricKey } : {}),
      })),
    })),
  };
}

/** `["sections", 0, "items", 1, "title"]` → `sections[0].items[1].title` (the field's name). */
export function fieldNameOf(path: (string | number)[]): string {
  return path.reduce<string>((acc, p) => (typeof p === "number" ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), "");
}

const CUSTOM_CODES: Record<string, string> = {
  "must be more than 0": "positive",
  "option keys must differ": "optionKeysDiffer",
  "an option is worth more than the item's maximum": "optionAboveMax",
  "one option must give the item's maximum": "noOptionAtMax",
  "the floor must be below the item's maximum": "floorAtMax",
};

/** A schema issue as a translation code with params. */
export function problemOf(issue: ZodIssue): FieldProblem {
  switch (issue.code) {
    case "invalid_type":
      return issue.expected === "number" ? { code: "notANumber", params: {} } : { code: "invalid", params: {} };
    case "invalid_string":
      return { code: "keyFormat", params: {} };
    case "too_small":
      if (issue.type === "string") return { code: "required", params: {} };
      if (issue.type === "array") return { code: "tooFew", params: { min: Number(issue.minimum) } };
      return { code: "min", params: { min: Number(issue.minimum) } };
    case "too_big":
      if (issue.type === "string") return { code: "tooLong", params: { max: Number(issue.maximum) } };
      if (issue.type === "array") return { code: "tooMany", params: { max: Number(issue.maximum) } };
      return { code: "max", params: { max: Number(issue.maximum) } };
    case "not_finite":
      return { code: "notANumber", params: {} };
    case "invalid_enum_value":
      return { code: "invalid", params: {} };
    case "custom":
      if (issue.message.startsWith("item key")) return { code: "duplicateItemKey", params: {} };
      return { code: CUSTOM_CODES[issue.message] ?? "invalid", params: {} };
    default:
      return { code: "invalid", params: {} };
  }
}

const FORM_KEY = /^[a-z][a-z0-9_]{0,39}$/;

/**
 * Validates the draft with the kpi form schema: the definition, or every problem keyed by
 * the name of the field (or row) it belongs to. `existingKeys` refuses a new form whose key
 * another form already has (saving it would silently version that form).
 */
export function validateDraft(draft: QaFormDraft, existingKeys: readonly string[]): { definition: QaFormDefinition; problems: null } | { definition: null; problems: FieldProblems } {
  const problems: FieldProblems = {};
  if (!FORM_KEY.test(draft.formKey)) problems.formKey = { code: "keyFormat", params: {} };
  else if (draft.isNew && existingKeys.includes(draft.formKey)) problems.formKey = { code: "keyTaken", params: {} };
  const parsed = qaFormDefinitionSchema.safeParse(definitionOf(draft));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const name = fieldNameOf(issue.path);
      if (!problems[name]) problems[name] = problemOf(issue);
    }
  }
  if (Object.keys(problems).length > 0 || !parsed.success) return { definition: null, problems };
  return { definition: parsed.data, problems: null };
}

/** The running form maximum: the sum of the items' maximum points that are numbers. */
export function draftMaxPoints(draft: QaFormDraft): number {
  return draft.sections.flatMap((s) => s.items).reduce((sum, i) => sum + (Number(i.maxPoints) > 0 ? Number(i.maxPoints) : 0), 0);
}
