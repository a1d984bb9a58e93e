import { appendAudit } from "@starboard/db";
import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";
import { type Context, isoNow } from "../context.ts";
import { DomainError } from "../errors.ts";
import { assertActorCan } from "../policy/actor.ts";
import { buildIncentiveReport, type IncentiveReport } from "./incentives.ts";
import { neutraliseCell } from "../security/neutraliseCell.ts";

export const EXPORT_FORMATS = ["csv", "xlsx"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportFile {
  fileName: string;
  contentType: string;
  body: Buffer;
}

const HEADER = ["Agent code", "Agent", "Team", "Grade", "Final composite", "Grade bonus", "Awards", "Award amount", "Payout", "Currency"];

type Cell = string | number | null;

/** The table both formats write: agent lines grouped by team, a total row per team, a grand total. */
export function incentiveRows(report: IncentiveReport): Cell[][] {
  const rows: Cell[][] = [];
  for (const team of report.teams) {
    for (const l of report.lines.filter((line) => line.team === team.team)) {
      rows.push([l.agentCode, l.agentName, l.team, l.grade ?? "", l.finalComposite, l.gradeBonus, l.awards, l.awardAmount, l.payout, report.currency]);
    }
    rows.push([`Total ${team.team}`, `${team.agents} agents`, team.team, null, null, null, null, null, team.total, report.currency]);
  }
  rows.push(["Total", `${report.lines.length} agents`, null, null, null, null, null, null, report.total, report.currency]);
  return rows;
}

/** CSV: UTF-8 with BOM (Excel detects the encoding), formula triggers neutralised, numbers as numbers. */
export function incentivesCsv(report: IncentiveReport): Buffer {
  const text = stringify([HEADER, ...incentiveRows(report)].map((row) => row.map(neutraliseCell)), { bom: true, record_delimiter: "\r\n" });
  return Buffer.from(text, "utf8");
}

export async function incentivesXlsx(report: IncentiveReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Starboard";
  const sheet = workbook.addWorksheet(`Incentives ${report.quarter}`);
  sheet.addRow(HEADER).font = { bold: true };
  for (const row of incentiveRows(report)) {
    const added = sheet.addRow(row.map((c) => (c === null ? null : c)));
    if (typeof row[0] === "string" && row[0].startsWith("Total")) added.font = { bold: true };
  }
  for (const col of [6, 8, 9]) sheet.getColumn(col).numFmt = "#,##0.00";
  sheet.columns.forEach((c) => (c.width = 16));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** HR exports a locked or published quarter's incentive payout as CSV or XLSX (audited). */
export async function exportIncentives(ctx: Context, quarterId: string, format: ExportFormat): Promise<ExportFile & { report: IncentiveReport }> {
  assertActorCan(ctx, "export_incentives");
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) throw new DomainError("invalid_input", `unknown format "${format}" (csv or xlsx)`, { format });
  const report = await buildIncentiveReport(ctx.db, quarterId);
  const body = format === "csv" ? incentivesCsv(report) : await incentivesXlsx(report);
  await appendAudit(ctx.db, {
    at: isoNow(ctx),
    actor_user_id: ctx.actor.userId,
    actor_label: ctx.actor.label,
    action: "export.incentives",
    entity: "quarter",
    entity_id: report.quarter,
    before: null,
    after: JSON.stringify({ format, lines: report.lines.length, total: report.total, currency: report.currency }),
  });
  return {
    fileName: `incentives-${report.quarter}.${format}`,
    contentType: format === "csv" ? "text/csv; charset=utf-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    body,
    report,
  };
}
