import type { WhatIfReport } from "@starboard/core";
import { GRADES, roundCompositeForDisplay, roundMoney } from "@starboard/kpi";

export interface WhatIfRowView {
  quarter: string;
  agentCode: string;
  agentName: string;
  teamName: string;
  beforeComposite: number | null;
  beforeGrade: string | null;
  beforeStatus: string;
  afterComposite: number | null;
  afterGrade: string | null;
  afterStatus: string;
  /** after − before, 1 decimal; null when either side has no composite. */
  change: number | null;
}

const display = (c: number | null) => (c === null ? null : roundCompositeForDisplay(c));
const oneDecimal = (x: number) => Math.round(x * 10) / 10 || 0;

/** The what-if as the page shows it: display-rounded numbers, money in minor units. */
export function whatIfView(report: WhatIfReport) {
  const rows: WhatIfRowView[] = report.quarters.flatMap((q) =>
    q.agents.map((a) => ({
      quarter: q.quarter,
      agentCode: a.agentCode,
      agentName: a.agentName,
      teamName: a.teamName,
      beforeComposite: display(a.before.composite),
      beforeGrade: a.before.grade,
      beforeStatus: a.before.status,
      afterComposite: display(a.after.composite),
      afterGrade: a.after.grade,
      afterStatus: a.after.status,
      change: a.before.composite === null || a.after.composite === null ? null : oneDecimal(a.after.composite - a.before.composite),
    })),
  );
  const s = report.summary;
  return {
    currency: report.currency,
    quarters: s.quarters.map((q) => ({
      quarter: q.quarter,
      agents: q.agents,
      gradeChanged: q.gradeChanged,
      rankCorrelation: q.rankCorrelation === null ? null : Math.round(q.rankCorrelation * 1000) / 1000,
      incentiveBefore: roundMoney(q.incentiveBefore),
      incentiveAfter: roundMoney(q.incentiveAfter),
      grades: [...GRADES, "insufficient" as const].map((g) => ({ grade: g, before: q.gradesBefore[g], after: q.gradesAfter[g] })),
    })),
    movers: s.biggestMovers.map((m) => ({
      quarter: m.quarter,
      agentCode: m.agentCode,
      agentName: m.agentName,
      before: display(m.before.composite),
      after: display(m.after.composite),
      beforeGrade: m.before.grade,
      afterGrade: m.after.grade,
      change: oneDecimal(m.change),
    })),
    nominationsGained: s.nominationsGained,
    nominationsLost: s.nominationsLost,
    incentiveChange: roundMoney(s.incentiveChange),
    rows,
  };
}
export type WhatIfView = ReturnType<typeof whatIfView>;

/** A CSV cell: quoted when needed; text that a spreadsheet would run as a formula is neutralised. */
function cell(value: string | number | null): string {
  if (value === null) return "";
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const WHATIF_CSV_HEADER = [
  "quarter", "agent_code", "agent_name", "team",
  "composite_before", "grade_before", "status_before",
  "composite_after", "grade_after", "status_after", "change",
];

/** The downloadable table: one row per agent and quarter, composites to 1 decimal as shown. */
export function whatIfCsv(view: WhatIfView): string {
  const lines = [WHATIF_CSV_HEADER.join(",")];
  for (const r of view.rows) {
    lines.push(
      [r.quarter, r.agentCode, r.agentName, r.teamName, r.beforeComposite, r.beforeGrade, r.beforeStatus, r.afterComposite, r.afterGrade, r.afterStatus, r.change]
        .map(cell)
        .join(","),
    );
  }
  return `${lines.join("\r\n")}\r\n`;
}
