import { QA_FORM_PRESETS } from "@starboard/kpi";
import { describe, expect, it } from "vitest";
import { applyBuilderIntent, draftFromForm, draftMaxPoints, draftOf, emptyDraft, type QaFormDraft, validateDraft } from "../app/models/qaFormBuilder.server.ts";

/** The fields the builder posts for a draft (what the route renders). */
function formOf(draft: QaFormDraft): FormData {
  const f = new FormData();
  f.set("formKey", draft.formKey);
  f.set("isNew", draft.isNew ? "1" : "0");
  f.set("name", draft.name);
  f.set("bonusMaxPoints", draft.bonusMaxPoints);
  f.set("sections.count", String(draft.sections.length));
  draft.sections.forEach((s, si) => {
    const sp = `sections[${si}]`;
    f.set(`${sp}.key`, s.key);
    f.set(`${sp}.title`, s.title);
    f.set(`${sp}.items.count`, String(s.items.length));
    s.items.forEach((i, ii) => {
      const ip = `${sp}.items[${ii}]`;
      f.set(`${ip}.key`, i.key);
      f.set(`${ip}.title`, i.title);
      f.set(`${ip}.maxPoints`, i.maxPoints);
      if (i.fatal) f.set(`${ip}.fatal`, "on");
      f.set(`${ip}.scoring.type`, i.type);
      f.set(`${ip}.metricKey`, i.metricKey);
      if (i.type === "graded") {
        f.set(`${ip}.scoring.options.count`, String(i.options.length));
        i.options.forEach((o, oi) => {
          const op = `${ip}.scoring.options[${oi}]`;
          f.set(`${op}.key`, o.key);
          f.set(`${op}.label`, o.label);
          f.set(`${op}.points`, o.points);
          if (o.failed) f.set(`${op}.failed`, "on");
        });
      } else {
        f.set(`${ip}.scoring.pointsPerOccurrence`, i.pointsPerOccurrence);
        f.set(`${ip}.scoring.floorPoints`, i.floorPoints);
        f.set(`${ip}.scoring.failAtOccurrences`, i.failAtOccurrences);
      }
    });
  });
  return f;
}

describe("QA form builder draft", () => {
  it("round-trips every preset unchanged through the posted fields", () => {
    for (const [key, definition] of Object.entries(QA_FORM_PRESETS)) {
      const draft = draftFromForm(formOf(draftOf(key, definition)));
      const result = validateDraft(draft, [key]);
      expect(result.problems).toBeNull();
      expect(result.definition).toEqual(definition);
    }
  });

  it("adds, moves and removes sections, items and options", () => {
    let d = emptyDraft();
    d = applyBuilderIntent(d, "addItem:0");
    expect(d.sections[0]!.items.map((i) => i.key)).toEqual(["item_1", "item_2"]);
    d = applyBuilderIntent(d, "moveItem:0:1:up");
    expect(d.sections[0]!.items.map((i) => i.key)).toEqual(["item_2", "item_1"]);
    d = applyBuilderIntent(d, "addSection");
    expect(d.sections.map((s) => s.key)).toEqual(["section_1", "section_2"]);
    expect(d.sections[1]!.items[0]!.key).toBe("item_3");
    d = applyBuilderIntent(d, "moveSection:1:up");
    expect(d.sections.map((s) => s.key)).toEqual(["section_2", "section_1"]);
    d = applyBuilderIntent(d, "addOption:1:0");
    expect(d.sections[1]!.items[0]!.options.map((o) => o.key)).toEqual(["good", "average", "poor", "option_1"]);
    d = applyBuilderIntent(d, "removeOption:1:0:0");
    expect(d.sections[1]!.items[0]!.options.map((o) => o.key)).toEqual(["average", "poor", "option_1"]);
    d = applyBuilderIntent(d, "removeItem:1:1");
    d = applyBuilderIntent(d, "removeSection:0");
    expect(d.sections.map((s) => s.key)).toEqual(["section_1"]);
    expect(d.sections[0]!.items.map((i) => i.key)).toEqual(["item_2"]);
    expect(applyBuilderIntent(d, "moveSection:0:up")).toEqual(d);
  });

  it("reports precise problems keyed by field name", () => {
    const d = emptyDraft();
    d.formKey = "Bad Key";
    d.sections[0]!.items[0]!.options[1]!.points = "12";
    d.sections[0]!.items[0]!.maxPoints = "abc";
    const r = validateDraft(d, []);
    expect(r.problems).toMatchObject({
      formKey: { code: "keyFormat" },
      name: { code: "required" },
      "sections[0].title": { code: "required" },
      "sections[0].items[0].title": { code: "required" },
      "sections[0].items[0].maxPoints": { code: "notANumber" },
    });
    d.formKey = "calls";
    d.name = "Calls";
    d.sections[0]!.title = "Main";
    d.sections[0]!.items[0]!.title = "Greets";
    d.sections[0]!.items[0]!.maxPoints = "10";
    expect(validateDraft(d, []).problems).toEqual({ "sections[0].items[0].scoring": { code: "optionAboveMax", params: {} } });
    expect(validateDraft(d, ["calls"]).problems).toMatchObject({ formKey: { code: "keyTaken" } });
    d.sections[0]!.items[0]!.options[1]!.points = "8";
    expect(validateDraft(d, []).problems).toBeNull();
    expect(draftMaxPoints(d)).toBe(10);
  });

  it("switching an item to graded options starts from good / average / poor", () => {
    const d = emptyDraft();
    d.sections[0]!.items[0]!.type = "deduction";
    d.sections[0]!.items[0]!.maxPoints = "20";
    const f = formOf(d);
    f.set("sections[0].items[0].scoring.type", "graded");
    expect(draftFromForm(f).sections[0]!.items[0]!.options.map((o) => o.points)).toEqual(["20", "16", "0"]);
  });
});
