import type { Kysely } from "kysely";
import { autoIdColumn, engineOf } from "../dialect.ts";

/** QA scorecards: forms (versioned), contacts, internal evaluations, reviews, disputes, sampling plans. */
export async function up(db: Kysely<any>): Promise<void> {
  const autoId = autoIdColumn(engineOf(db));
  await db.schema
    .createTable("qa_forms")
    .addColumn("id", "integer", autoId)
    .addColumn("form_key", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("definition", "text", (c) => c.notNull())
    .addColumn("max_points", "double precision", (c) => c.notNull())
    .addColumn("current", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull())
    .addUniqueConstraint("qa_forms_key_version_uq", ["form_key", "version"])
    .execute();

  await db.schema
    .createTable("qa_contacts")
    .addColumn("contact_id", "text", (c) => c.primaryKey())
    .addColumn("started_at", "text", (c) => c.notNull())
    .addColumn("agent_id", "integer", (c) => c.notNull().references("agents.id"))
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("duration_sec", "integer", (c) => c.notNull())
    .addColumn("sla_missed", "integer", (c) => c.notNull())
    .addColumn("complaint", "integer", (c) => c.notNull())
    .addColumn("import_id", "integer", (c) => c.references("imports.id"))
    .execute();
  await db.schema.createIndex("qa_contacts_started_idx").on("qa_contacts").columns(["started_at", "agent_id"]).execute();
  await db.schema.createIndex("qa_contacts_agent_idx").on("qa_contacts").columns(["agent_id", "started_at"]).execute();

  await db.schema
    .createTable("qa_scorings")
    .addColumn("id", "integer", autoId)
    .addColumn("agent_id", "integer", (c) => c.notNull().references("agents.id"))
    .addColumn("form_id", "integer", (c) => c.notNull().references("qa_forms.id"))
    .addColumn("contact_id", "text")
    .addColumn("date", "text", (c) => c.notNull())
    .addColumn("dual", "integer", (c) => c.notNull())
    .addColumn("blind", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("created_by_user_id", "integer", (c) => c.references("users.id"))
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("finalized_at", "text")
    .addColumn("final_source", "text")
    .addColumn("final_answers", "text")
    .addColumn("final_points", "double precision")
    .addColumn("final_pct", "double precision")
    .addColumn("final_fatal", "integer")
    .addColumn("final_passed", "integer")
    .execute();
  await db.schema.createIndex("qa_scorings_agent_idx").on("qa_scorings").columns(["agent_id", "date"]).execute();
  await db.schema.createIndex("qa_scorings_status_idx").on("qa_scorings").columns(["status", "date"]).execute();

  await db.schema
    .createTable("qa_reviews")
    .addColumn("id", "integer", autoId)
    .addColumn("scoring_id", "integer", (c) => c.notNull().references("qa_scorings.id"))
    .addColumn("reviewer_user_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("reviewer_label", "text", (c) => c.notNull())
    .addColumn("answers", "text")
    .addColumn("total_points", "double precision")
    .addColumn("score_pct", "double precision")
    .addColumn("fatal", "integer")
    .addColumn("passed", "integer")
    .addColumn("submitted_at", "text")
    .addUniqueConstraint("qa_reviews_scoring_reviewer_uq", ["scoring_id", "reviewer_user_id"])
    .execute();
  await db.schema.createIndex("qa_reviews_reviewer_idx").on("qa_reviews").columns(["reviewer_user_id", "submitted_at"]).execute();

  await db.schema
    .createTable("qa_disputes")
    .addColumn("id", "integer", autoId)
    .addColumn("scoring_id", "integer", (c) => c.notNull().references("qa_scorings.id"))
    .addColumn("agent_id", "integer", (c) => c.notNull().references("agents.id"))
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("filed_at", "text", (c) => c.notNull())
    .addColumn("filed_by", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("resolution_reason", "text")
    .addColumn("resolved_at", "text")
    .addColumn("resolved_by", "text")
    .addColumn("before", "text")
    .addColumn("after", "text")
    .execute();
  await db.schema.createIndex("qa_disputes_scoring_idx").on("qa_disputes").column("scoring_id").execute();

  await db.schema
    .createTable("qa_sample_plans")
    .addColumn("month", "text", (c) => c.primaryKey())
    .addColumn("seed", "integer", (c) => c.notNull())
    .addColumn("generated_at", "text", (c) => c.notNull())
    .addColumn("generated_by", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("qa_sample_picks")
    .addColumn("month", "text", (c) => c.notNull().references("qa_sample_plans.month"))
    .addColumn("contact_id", "text", (c) => c.notNull())
    .addColumn("agent_id", "integer", (c) => c.notNull().references("agents.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("reason", "text")
    .addColumn("reviewer_user_id", "integer", (c) => c.references("users.id"))
    .addPrimaryKeyConstraint("qa_sample_picks_pk", ["month", "contact_id"])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error("Starboard migrations are forward-only");
}
