import {
  appendAudit,
  datesWrittenByImport,
  deleteRowsOfImport,
  FACT_TABLE_NAMES,
  type FactTableName,
  findImport,
  findQuarterStates,
  importsSupersedingImport,
  insertImportRollback,
  listReplacedRows,
  lockImportsForWrite,
  lockQuarterForWrite,
  restoreFactRow,
  rolledBackImportIds,
} from "@starboard/db";
import { quarterOfDate } from "@starboard/kpi";
import { type Context, isoNow } from "../context.ts";
import { DomainError } from "../errors.ts";
import { assertActorCan } from "../policy/actor.ts";
import { scoreQuarter } from "../scoring/scoreQuarter.ts";
import { inTransaction } from "../transaction.ts";

export interface RollbackResult {
  importId: number;
  deleted: number;
  restored: number;
  /** Quarters recalculated after the rollback (those that had results). */
  recalculated: string[];
}

/**
 * Undoes one data import (interactions, QA or CSAT) before lock: the rows it added are
 * deleted and the rows it replaced get their before-images back; then every touched quarter
 * that had results is recalculated — all in one transaction. Refused when a later import
 * replaced rows this one wrote (roll that one back first), when a touched quarter is locked
 * or published, for agent-list imports, and twice.
 */
export async function rollbackImport(ctx: Context, importId: number): Promise<RollbackResult> {
  assertActorCan(ctx, "import_data");
  const at = isoNow(ctx);
  return inTransaction(ctx.db, async (trx) => {
    await lockImportsForWrite(trx); // first: no other import or rollback runs meanwhile
    const row = await findImport(trx, importId);
    if (!row) throw new DomainError("not_found", `no import #${importId}`, { importId });
    if (row.kind !== "interactions" && row.kind !== "qa" && row.kind !== "csat") {
      throw new DomainError("invalid_input", `import #${importId} (${row.kind}) cannot be rolled back: only interactions, QA and CSAT imports can`, { importId, kind: row.kind });
    }
    if ((await rolledBackImportIds(trx)).has(importId)) throw new DomainError("conflict", `import #${importId} was already rolled back`, { importId });
    const later = await importsSupersedingImport(trx, importId);
    if (later.length > 0) {
      throw new DomainError("conflict", `import #${importId} cannot be rolled back: import(s) ${later.map((i) => `#${i}`).join(", ")} changed the same rows later — roll those back first`, {
        importId,
        imports: later.map((i) => `#${i}`).join(", "),
      });
    }
    const table: FactTableName = row.kind === "interactions" ? "interaction_daily" : row.kind === "qa" ? "qa_evaluations" : "csat_responses";
    if (!FACT_TABLE_NAMES.includes(table)) throw new Error(`unknown fact table ${table}`);
    const replaced = await listReplacedRows(trx, importId);
    const dates = [...(await datesWrittenByImport(trx, table, importId)), ...replaced.map((r) => r.row_date)];
    const quarters = [...new Set(dates.map(quarterOfDate))].sort();
    for (const q of quarters) await lockQuarterForWrite(trx, q); // before reading their states; in order
    const states = await findQuarterStates(trx, quarters);
    const closed = quarters.filter((q) => states.get(q) === "locked" || states.get(q) === "published");
    if (closed.length > 0) {
      throw new DomainError("quarter_locked", `import #${importId} cannot be rolled back: ${closed.join(", ")} is locked (reopen it first)`, { importId, quarter: closed.join(", ") });
    }

    const deleted = await deleteRowsOfImport(trx, table, importId);
    for (const before of replaced) await restoreFactRow(trx, table, JSON.parse(before.before_json) as Record<string, unknown>);
    await insertImportRollback(trx, { importId, actorUserId: ctx.actor.userId, actorLabel: ctx.actor.label, at, quarters });

    const recalculated: string[] = [];
    for (const q of quarters) {
      const state = states.get(q);
      if (state === "calculated" || state === "in_review") {
        await scoreQuarter({ ...ctx, db: trx }, q);
        recalculated.push(q);
      }
    }
    const result: RollbackResult = { importId, deleted, restored: replaced.length, recalculated };
    await appendAudit(trx, {
      at,
      actor_user_id: ctx.actor.userId,
      actor_label: ctx.actor.label,
      action: "import.rollback",
      entity: "import",
      entity_id: String(importId),
      before: JSON.stringify({ fileName: row.file_name, kind: row.kind }),
      after: JSON.stringify(result),
    });
    return result;
  });
}
