import { CONTACT_CENTRE_10_POINT, METRIC_KEYS, type Rubric, validateRubric } from "@starboard/kpi";
import { describe, expect, it } from "vitest";
import { addableMetrics, applyEditorForm, applyStructureIntent, defaultMetric, formValuesOf, issueForForm, workingRubric } from "../app/models/rubricEditor.server.ts";
import { whatIfCsv, type WhatIfView } from "../app/models/rubricWhatIf.server.ts";

function formFrom(values: Record<string, string>): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(values)) form.set(k, v);
  return form;
}

describe("rubric editor form", () => {
  it("round-trips the stored rubric unchanged", () => {
    const values = formValuesOf(CONTACT_CENTRE_10_POINT);
    expect(values["dimensions[1].metrics[0].weightPct"]).toBe("25");
    expect(values["dimensions[1].metrics[0].rule.bands[3].lower"]).toBe("");
    expect(values["dimensions[0].metrics[0].rule.channels.email.step"]).toBe("3600");
    const { parse } = applyEditorForm(CONTACT_CENTRE_10_POINT, formFrom(values));
    expect(parse.fieldProblems).toEqual([]);
    expect(parse.rubric).toEqual(CONTACT_CENTRE_10_POINT);
  });

  it("applies edited weights (percent → basis points) and band bounds", () => {
    const values = formValuesOf(CONTACT_CENTRE_10_POINT);
    values["dimensions[1].metrics[0].weightPct"] = "37.5";
    values["dimensions[3].metrics[0].weightPct"] = "27.5";
    values["dimensions[1].metrics[0].rule.bands[1].lower"] = "91";
    values["dimensions[1].metrics[0].rule.bands[2].upper"] = "91";
    const { parse } = applyEditorForm(CONTACT_CENTRE_10_POINT, formFrom(values));
    expect(parse.rubric.dimensions[1]!.metrics[0]!.weightBp).toBe(3750);
    expect(parse.rubric.dimensions[3]!.metrics[0]!.weightBp).toBe(2750);
    expect(validateRubric(parse.rubric).ok).toBe(true);
  });

  it("reports unparseable fields by name and keeps what was typed", () => {
    const values = formValuesOf(CONTACT_CENTRE_10_POINT);
    values["dimensions[1].metrics[0].weightPct"] = "25,5";
    values["dimensions[2].metrics[0].minSample"] = "3.5";
    values["dimensions[3].metrics[0].rule.bands[0].points"] = "";
    values["dimensions[1].metrics[0].rule.bands[0].lower"] = "ninety";
    const { values: kept, parse } = applyEditorForm(CONTACT_CENTRE_10_POINT, formFrom(values));
    expect(parse.fieldProblems).toEqual([
      { path: "dimensions[1].metrics[0].weightPct", code: "not_a_percent" },
      { path: "dimensions[1].metrics[0].rule.bands[0].lower", code: "not_a_number" },
      { path: "dimensions[2].metrics[0].minSample", code: "not_a_whole_number" },
      { path: "dimensions[3].metrics[0].rule.bands[0].points", code: "required" },
    ]);
    expect(kept["dimensions[1].metrics[0].weightPct"]).toBe("25,5");
  });

  it("points the engine's weight problem at the percent field", () => {
    expect(issueForForm({ path: "dimensions[1].metrics[0].weightBp", code: "zero_weight", message: "x", messageKey: "zero_weight", params: { metric: "csat" } }).path).toBe("dimensions[1].metrics[0].weightPct");
  });
});

describe("rubric editor structure", () => {
  const change = (intent: string, fields: Record<string, string> = {}) => {
    const result = applyStructureIntent(CONTACT_CENTRE_10_POINT, intent, formFrom(fields));
    if (!result || !result.ok) throw new Error(`no change for ${intent}`);
    return result.rubric;
  };

  it("adds a band by splitting the worst one, and the rubric stays valid", () => {
    const rubric = change("addBand:dimensions[1].metrics[0].rule");
    const rule = rubric.dimensions[1]!.metrics[0]!.rule;
    expect(rule.type === "bands" && rule.bands.slice(-2)).toEqual([
      { lower: 43, upper: 85, points: 0 },
      { lower: null, upper: 43, points: 0 },
    ]);
    expect(validateRubric(rubric).ok).toBe(true);
    expect(CONTACT_CENTRE_10_POINT.dimensions[1]!.metrics[0]!.rule).toMatchObject({ type: "bands" });
  });

  it("removes a band and lets its neighbour take over its range", () => {
    const rubric = change("removeBand:dimensions[1].metrics[0].rule.bands[1]");
    const rule = rubric.dimensions[1]!.metrics[0]!.rule;
    expect(rule.type === "bands" && rule.bands).toEqual([
      { lower: 95, upper: null, points: 10 },
      { lower: 85, upper: 95, points: 6 },
      { lower: null, upper: 85, points: 0 },
    ]);
    expect(validateRubric(rubric).ok).toBe(true);
  });

  it("removing a dimension's only metric removes the dimension; the weights total is then reported", () => {
    const rubric = change("removeMetric:dimensions[2].metrics[0]");
    expect(rubric.dimensions.map((d) => d.key)).toEqual(["responsiveness", "efficiency", "customer_satisfaction"]);
    const result = validateRubric(rubric);
    expect(!result.ok && result.issues.map((i) => i.message)).toContain("weights total 80%, they must total 100%");
  });

  it("adds a metric with a valid default rule and the missing weight", () => {
    const without = change("removeMetric:dimensions[2].metrics[0]");
    const added = applyStructureIntent(without, "addMetric:dimensions[1]", formFrom({ "dimensions[1].newMetric": "repeat_contact_rate" }));
    expect(added?.ok).toBe(true);
    const rubric = (added as { rubric: Rubric }).rubric;
    expect(rubric.dimensions[1]!.metrics.map((m) => [m.key, m.weightBp])).toEqual([["first_contact_resolution", 2500], ["repeat_contact_rate", 2000]]);
    expect(validateRubric(rubric).ok).toBe(true);
    // Every metric's default validates, whatever its direction, range or per-channel nature.
    for (const key of METRIC_KEYS) {
      const solo: Rubric = { name: "x", scale: 5, dimensions: [{ key: "d", name: "d", metrics: [{ ...defaultMetric(key, { name: "x", scale: 5, dimensions: [] }) }] }] };
      expect(validateRubric(solo), key).toMatchObject({ ok: true });
    }
    expect(addableMetrics(rubric)).not.toContain("repeat_contact_rate");
    expect(applyStructureIntent(rubric, "addMetric:dimensions[0]", formFrom({ "dimensions[0].newMetric": "csat" }))).toEqual({ ok: false, fieldProblems: [{ path: "dimensions[0].newMetric", code: "required" }] });
  });

  it("adds a dimension with a unique key, and adds/removes channel rules", () => {
    const rubric = change("addDimension", { "newDimension.name": "Customer Satisfaction", "newDimension.metric": "complaint_rate" });
    expect(rubric.dimensions.at(-1)).toMatchObject({ key: "customer_satisfaction_2", name: "Customer Satisfaction", metrics: [{ key: "complaint_rate" }] });
    expect(applyStructureIntent(CONTACT_CENTRE_10_POINT, "addDimension", formFrom({ "newDimension.metric": "empathy" }))).toMatchObject({ ok: false, fieldProblems: [{ path: "newDimension.name" }] });
    const noEmail = change("removeChannel:dimensions[0].metrics[0].rule.channels.email");
    expect(Object.keys((noEmail.dimensions[0]!.metrics[0]!.rule as { channels: object }).channels)).toEqual(["phone", "chat"]);
    const back = applyStructureIntent(noEmail, "addChannel:dimensions[0].metrics[0]", formFrom({ "dimensions[0].metrics[0].newChannel": "email" }));
    expect(back?.ok && validateRubric(back.rubric).ok).toBe(true);
  });

  it("ignores intents that name nothing, and a forged structure falls back to the stored rubric", () => {
    expect(applyStructureIntent(CONTACT_CENTRE_10_POINT, "removeBand:dimensions[9].metrics[0].rule.bands[0]", formFrom({}))).toBeNull();
    expect(applyStructureIntent(CONTACT_CENTRE_10_POINT, "dropTables", formFrom({}))).toBeNull();
    expect(workingRubric(CONTACT_CENTRE_10_POINT, formFrom({ structure: '{"name":1}' }))).toBe(CONTACT_CENTRE_10_POINT);
    const edited = change("removeMetric:dimensions[2].metrics[0]");
    expect(workingRubric(CONTACT_CENTRE_10_POINT, formFrom({ structure: JSON.stringify(edited) }))).toEqual(edited);
  });
});

describe("what-if CSV", () => {
  it("writes one row per agent and quarter and neutralises formula-like text", () => {
    const view = {
      rows: [
        { quarter: "2026-Q2", agentCode: "AG001", agentName: "=HYPERLINK(\"x\")", teamName: "North, East", beforeComposite: 89.9, beforeGrade: "B", beforeStatus: "complete", afterComposite: 90.4, afterGrade: "A", afterStatus: "complete", change: 0.5 },
        { quarter: "2026-Q2", agentCode: "AG002", agentName: "Li Wei", teamName: "North", beforeComposite: null, beforeGrade: null, beforeStatus: "insufficient", afterComposite: null, afterGrade: null, afterStatus: "insufficient", change: null },
      ],
    } as unknown as WhatIfView;
    expect(whatIfCsv(view).split("\r\n")).toEqual([
      "quarter,agent_code,agent_name,team,composite_before,grade_before,status_before,composite_after,grade_after,status_after,change",
      '2026-Q2,AG001,"\'=HYPERLINK(""x"")","North, East",89.9,B,complete,90.4,A,complete,0.5',
      "2026-Q2,AG002,Li Wei,North,,,insufficient,,,insufficient,",
      "",
    ]);
  });
});
