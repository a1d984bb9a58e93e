import type { Kysely } from "kysely";
import { autoIdColumn, engineOf } from "../dialect.ts";

/** Appraisal cycle: award types and nominations, adjustments, comments, acknowledgements, import before-images. */
export async function up(db: Kysely<any>): Promise<void> {
  const autoId = autoIdColumn(engineOf(db));
  await db.schema
    .createTable("award_types")
    .addColumn("id", "integer", autoId)
    .addColumn("key", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("rule", "text", (c) => c.notNull())
    .addColumn("amount", "double precision", (c) => c.notNull())
    .addColumn("currency", "text", (c) => c.notNull())
    .addColumn("active", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("award_nominations")
    .addColumn("id", "integer", autoId)
    .addColumn("quarter_id", "text", (c) => c.notNull().references("quarters.id"))
    .addColumn("agent_id", "integer", (c) => c.notNull().references("agents.id"))
    .addColumn("award_type_id", "integer", (c) => c.notNull().references("award_types.id"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("reason", "text")
    .addColumn("nominated_at", "text", (c) => c.notNull())
    .addColumn("decided_by", "text")
    .addColumn("decided_at", "text")
    .addUniqueConstraint("award_nominations_unique", ["quarter_id", "agent_id", "award_type_id"])
    .execute();
  await db.schema.createIndex("award_nominations_agent_idx").on("award_nominations").column("agent_id").execute();

  await db.schema
    .createTable("result_adjustments")
    .addColumn("id", "integer", autoId)
    .addColumn("quarter_id", "text", (c) => c.notNull().references("quarters.id"))
    .addColumn("agent_id", "integer", (c) => c.notNull().references("agents.id"))
    .addColumn("adjustment", "double precision", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("actor_user_id", "integer", (c) => c.references("users.id"))
    .addColumn("actor_label", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("result_adjustments_idx").on("result_adjustments").columns(["quarter_id", "agent_id"]).execute();

  await db.schema
    .createTable("result_comments")
    .addColumn("id", "integer", autoId)
    .addColumn("quarter_id", "text", (c) => c.notNull().references("quarters.id"))
    .addColumn("agent_id", "integer", (c) => c.notNull().references("agents.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("author_user_id", "integer", (c) => c.references("users.id"))
    .addColumn("author_label", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("result_comments_idx").on("result_comments").columns(["quarter_id", "agent_id"]).execute();

  await db.schema
    .createTable("appraisal_acknowledgements")
    .addColumn("quarter_id", "text", (c) => c.notNull().references("quarters.id"))
    .addColumn("agent_id", "integer", (c) => c.notNull().references("agents.id"))
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("appraisal_acknowledgements_pk", ["quarter_id", "agent_id"])
    .execute();

  await db.schema
    .createTable("import_replaced_rows")
    .addColumn("id", "integer", autoId)
    .addColumn("import_id", "integer", (c) => c.notNull().references("imports.id"))
    .addColumn("fact_table", "text", (c) => c.notNull())
    .addColumn("key_json", "text", (c) => c.notNull())
    .addColumn("before_import_id", "integer")
    .addColumn("before_json", "text", (c) => c.notNull())
    .addColumn("row_date", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("import_replaced_rows_import_idx").on("import_replaced_rows").column("import_id").execute();
  await db.schema.createIndex("import_replaced_rows_before_idx").on("import_replaced_rows").column("before_import_id").execute();

  await db.schema
    .createTable("import_rollbacks")
    .addColumn("import_id", "integer", (c) => c.primaryKey().references("imports.id"))
    .addColumn("actor_user_id", "integer", (c) => c.references("users.id"))
    .addColumn("actor_label", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("quarters", "text", (c) => c.notNull())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error("Starboard migrations are forward-only");
}
