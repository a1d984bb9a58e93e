import type { Kysely } from "kysely";
import type { Db } from "../database.ts";
import { bulkInsertRowsPerStatement, engineOf } from "../dialect.ts";
import { upsertFactBatchPostgres } from "../postgres/upsertFactsPostgres.ts";
import { rawSqliteOf } from "../perf/rawSqlite.ts";
import { upsertFactBatchSqlite } from "../perf/upsertFactsSqlite.ts";
import type { NewCsatResponse, NewInteractionDaily, NewQaEvaluation, QuarterState } from "../tables.ts";
import type { NewImportReplacedRow } from "../tables/cycle.ts";
import type { NewQaContact } from "../tables/qa.ts";

/** How a batch of rows compared with what was stored: new keys, changed values, identical rows. */
export interface UpsertCounts {
  added: number;
  replaced: number;
  unchanged: number;
}

/** A batch of fact rows for one table; keys are unique within the batch. */
export type FactBatch =
  | { table: "interaction_daily"; rows: NewInteractionDaily[] }
  | { table: "qa_evaluations"; rows: NewQaEvaluation[] }
  | { table: "csat_responses"; rows: NewCsatResponse[] }
  | { table: "qa_contacts"; rows: NewQaContact[] };

interface FactTableSpec {
  key: readonly string[];
  /** Compared to decide replaced vs unchanged; `import_id` is not compared but is written. */
  values: readonly string[];
}

/** Natural key and value columns of each fact table. */
export const FACT_TABLES: Record<FactBatch["table"], FactTableSpec> = {
  interaction_daily: {
    key: ["date", "agent_id", "channel"],
    values: [
      "contacts",
      "first_response_sec_sum",
      "answered_within_90s",
      "resolved",
      "resolved_first_contact",
      "repeat_contacts_30d",
      "complaints",
    ],
  },
  qa_evaluations: {
    key: ["evaluation_id"],
    values: ["date", "agent_id", "form", "score_pct", "fatal", "reviewer_code", "contact_id"],
  },
  csat_responses: { key: ["response_id"], values: ["date", "agent_id", "channel", "rating"] },
  qa_contacts: { key: ["contact_id"], values: ["started_at", "agent_id", "channel", "duration_sec", "sla_missed", "complaint"] },
};

const keyString = (row: Record<string, unknown>, key: readonly string[]) => key.map((c) => String(row[c])).join("\u0000");
const same = (a: unknown, b: unknown) => (a ?? null) === (b ?? null);

/**
 * Writes one batch of fact rows by natural key: a new key is inserted ("added"), an existing
 * key with any different value is overwritten ("replaced", with the new import_id), an
 * identical row is left exactly as it is ("unchanged"). Portable SQL: a SELECT by key, then
 * one multi-row INSERT … ON CONFLICT (key) DO UPDATE. This is the single place the import
 * writes facts; on SQLite it runs the engine-specific fast path (prepared statements, one
 * index probe per row — see perf/upsertFactsSqlite.ts), on Postgres the COPY path (staging
 * table + one INSERT … SELECT … ON CONFLICT — see postgres/upsertFactsPostgres.ts), elsewhere
 * the portable path.
 */
export async function upsertFactBatch(db: Db, batch: FactBatch): Promise<UpsertCounts> {
  const sqlite = rawSqliteOf(db);
  if (sqlite) {
    return upsertFactBatchSqlite(sqlite, batch.table, FACT_TABLES[batch.table], batch.rows as unknown as Record<string, unknown>[]);
  }
  if (engineOf(db) === "postgres") {
    return upsertFactBatchPostgres(db, batch.table, FACT_TABLES[batch.table], batch.rows as unknown as Record<string, unknown>[]);
  }
  return upsertFactBatchPortable(db, batch);
}

/** The portable implementation of upsertFactBatch (any Kysely dialect); exported for the equivalence test. */
export async function upsertFactBatchPortable(db: Db, batch: FactBatch): Promise<UpsertCounts> {
  const counts: UpsertCounts = { added: 0, replaced: 0, unchanged: 0 };
  if (batch.rows.length === 0) return counts;
  const spec = FACT_TABLES[batch.table];
  // A batch larger than one statement's bind parameters allow is written in chunks (keys are
  // unique within the batch, so the chunks are independent). The OR-of-keys lookup of a
  // composite key must also stay under SQLite's expression depth (1,000): at most 500 rows.
  const perStatement = Math.min(
    bulkInsertRowsPerStatement(engineOf(db), spec.key.length + spec.values.length + 1),
    spec.key.length > 1 ? 500 : Number.POSITIVE_INFINITY,
  );
  if (batch.rows.length > perStatement) {
    for (let i = 0; i < batch.rows.length; i += perStatement) {
      const part = await upsertFactBatchPortable(db, { table: batch.table, rows: batch.rows.slice(i, i + perStatement) } as FactBatch);
      counts.added += part.added;
      counts.replaced += part.replaced;
      counts.unchanged += part.unchanged;
    }
    return counts;
  }
  const rows = batch.rows as unknown as Record<string, unknown>[];
  const anyDb = db as unknown as Kysely<any>;

  const [firstKey] = spec.key;
  let select = anyDb.selectFrom(batch.table).select([...spec.key, ...spec.values, "import_id"]);
  if (spec.key.length === 1 && firstKey !== undefined) {
    select = select.where(firstKey, "in", rows.map((r) => r[firstKey]));
  } else {
    select = select.where((eb) =>
      eb.or(rows.map((r) => eb.and(spec.key.map((c) => eb(c, "=", r[c] as any))))),
    );
  }
  const existing = new Map<string, Record<string, unknown>>();
  for (const row of await select.execute()) existing.set(keyString(row, spec.key), row);

  const toWrite: Record<string, unknown>[] = [];
  const beforeImages: NewImportReplacedRow[] = [];
  for (const row of rows) {
    const old = existing.get(keyString(row, spec.key));
    if (!old) {
      counts.added++;
      toWrite.push(row);
    } else if (spec.values.some((c) => !same(old[c], row[c]))) {
      counts.replaced++;
      toWrite.push(row);
      // Before-image for rolling this import back (see queries/cycle.ts, core/cycle/rollbackImport).
      if (row.import_id != null) beforeImages.push(beforeImage(batch.table, spec.key, row, old));
    } else {
      counts.unchanged++;
    }
  }
  if (toWrite.length > 0) {
    const updated = [...spec.values, "import_id"];
    await anyDb
      .insertInto(batch.table)
      .values(toWrite.map((r) => Object.fromEntries([...spec.key, ...updated].map((c) => [c, r[c] ?? null]))))
      .onConflict((oc) =>
        oc.columns([...spec.key] as any).doUpdateSet((eb) =>
          Object.fromEntries(updated.map((c) => [c, eb.ref(`excluded.${c}`)])),
        ),
      )
      .execute();
  }
  const imagesPerStatement = bulkInsertRowsPerStatement(engineOf(db), 6);
  for (let i = 0; i < beforeImages.length; i += imagesPerStatement) {
    await db.insertInto("import_replaced_rows").values(beforeImages.slice(i, i + imagesPerStatement)).execute();
  }
  return counts;
}

function beforeImage(
  table: FactBatch["table"],
  key: readonly string[],
  row: Record<string, unknown>,
  old: Record<string, unknown>,
): NewImportReplacedRow {
  return {
    import_id: Number(row.import_id),
    fact_table: table,
    key_json: JSON.stringify(key.map((c) => old[c])),
    before_import_id: old.import_id == null ? null : Number(old.import_id),
    before_json: JSON.stringify(old),
    row_date: String(old.date),
  };
}

/** The stored state of each of the given quarters (quarters not yet opened are absent). */
export async function findQuarterStates(db: Db, quarterIds: readonly string[]): Promise<Map<string, QuarterState>> {
  if (quarterIds.length === 0) return new Map();
  const rows = await db.selectFrom("quarters").select(["id", "state"]).where("id", "in", [...quarterIds]).execute();
  return new Map(rows.map((r) => [r.id, r.state]));
}

/** The earliest date of any imported fact (interactions, QA, CSAT), or null when there are none. */
export async function earliestFactDate(db: Db): Promise<string | null> {
  const [interactions, qa, csat] = await Promise.all([
    db.selectFrom("interaction_daily").select((eb) => eb.fn.min("date").as("first")).executeTakeFirst(),
    db.selectFrom("qa_evaluations").select((eb) => eb.fn.min("date").as("first")).executeTakeFirst(),
    db.selectFrom("csat_responses").select((eb) => eb.fn.min("date").as("first")).executeTakeFirst(),
  ]);
  const firsts = [interactions?.first, qa?.first, csat?.first].filter((d): d is string => typeof d === "string");
  return firsts.length === 0 ? null : firsts.sort()[0]!;
}
