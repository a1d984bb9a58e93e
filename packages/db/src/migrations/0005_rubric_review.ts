import type { Kysely } from "kysely";
import { autoIdColumn, engineOf } from "../dialect.ts";

/**
 * The semiannual rubric review: one row per half (`YYYY-H1/H2`). Portable types only; the
 * attached what-if is a JSON snapshot in TEXT (what HR saw when deciding).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const autoId = autoIdColumn(engineOf(db));
  await db.schema
    .createTable("rubric_reviews")
    .addColumn("id", "integer", autoId)
    .addColumn("half", "text", (c) => c.notNull().unique())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("draft_version_id", "integer", (c) => c.references("rubric_versions.id"))
    .addColumn("whatif", "text")
    .addColumn("whatif_at", "text")
    .addColumn("decision", "text")
    .addColumn("rationale", "text")
    .addColumn("effective_from", "text")
    .addColumn("opened_at", "text", (c) => c.notNull())
    .addColumn("opened_by", "text", (c) => c.notNull())
    .addColumn("decided_at", "text")
    .addColumn("decided_by", "text")
    .addColumn("completed_at", "text")
    .addColumn("completed_by", "text")
    .execute();
}

export async function down(): Promise<void> {
  throw new Error("Starboard migrations are forward-only");
}
