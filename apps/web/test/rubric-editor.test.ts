import { CONTACT_CENTRE_10_POINT, validateRubric } from "@starboard/kpi";
import { describe, expect, it } from "vitest";
import { applyEditorForm, formValuesOf, issueForForm } from "../app/models/rubricEditor.server.ts";
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
    expect(issueForForm({ path: "dimensions[1].metrics[0].weightBp", code: "zero_weight", message: "x" }).path).toBe("dimensions[1].metrics[0].weightPct");
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
