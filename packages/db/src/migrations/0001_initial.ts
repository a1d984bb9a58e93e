import type { Kysely } from "kysely";
import { autoIdColumn, engineOf } from "../dialect.ts";

/**
 * The foundation schema. Only portable column types (integer, real, text) so the same
 * migration runs on SQLite and Postgres; dates are ISO TEXT, flags integer 0/1.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const autoId = autoIdColumn(engineOf(db));
  await db.schema
    .createTable("settings")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("value", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("teams")
    .addColumn("id", "integer", autoId)
    .addColumn("name", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("agents")
    .addColumn("id", "integer", autoId)
    .addColumn("agent_code", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("email", "text")
    .addColumn("team_id", "integer", (c) => c.notNull().references("teams.id"))
    .addColumn("hire_date", "text", (c) => c.notNull())
    .addColumn("leave_date", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("agents_team_idx").on("agents").column("team_id").execute();

  await db.schema
    .createTable("users")
    .addColumn("id", "integer", autoId)
    .addColumn("email", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("agent_id", "integer", (c) => c.references("agents.id"))
    .addColumn("password_hash", "text")
    .addColumn("active", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("users_agent_idx").on("users").column("agent_id").execute();

  await db.schema
    .createTable("user_teams")
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("team_id", "integer", (c) => c.notNull().references("teams.id"))
    .addPrimaryKeyConstraint("user_teams_pk", ["user_id", "team_id"])
    .execute();
  await db.schema.createIndex("user_teams_team_idx").on("user_teams").column("team_id").execute();

  await db.schema
    .createTable("sessions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_seen_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("sessions_user_idx").on("sessions").column("user_id").execute();

  await db.schema
    .createTable("imports")
    .addColumn("id", "integer", autoId)
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("actor_user_id", "integer", (c) => c.references("users.id"))
    .addColumn("actor_label", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("rows_total", "integer", (c) => c.notNull())
    .addColumn("rows_added", "integer", (c) => c.notNull())
    .addColumn("rows_replaced", "integer", (c) => c.notNull())
    .addColumn("rows_unchanged", "integer", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("interaction_daily")
    .addColumn("date", "text", (c) => c.notNull())
    .addColumn("agent_id", "integer", (c) => c.notNull().references("agents.id"))
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("contacts", "integer", (c) => c.notNull())
    .addColumn("first_response_sec_sum", "double precision")
    .addColumn("answered_within_90s", "integer")
    .addColumn("resolved", "integer")
    .addColumn("resolved_first_contact", "integer")
    .addColumn("repeat_contacts_30d", "integer")
    .addColumn("complaints", "integer")
    .addColumn("import_id", "integer", (c) => c.references("imports.id"))
    .addPrimaryKeyConstraint("interaction_daily_pk", ["date", "agent_id", "channel"])
    .execute();
  await db.schema.createIndex("interaction_daily_agent_date_idx").on("interaction_daily").columns(["agent_id", "date"]).execute();

  await db.schema
    .createTable("qa_evaluations")
    .addColumn("evaluation_id", "text", (c) => c.primaryKey())
    .addColumn("date", "text", (c) => c.notNull())
    .addColumn("agent_id", "integer", (c) => c.notNull().references("agents.id"))
    .addColumn("form", "text", (c) => c.notNull())
    .addColumn("score_pct", "double precision", (c) => c.notNull())
    .addColumn("fatal", "integer", (c) => c.notNull())
    .addColumn("reviewer_code", "text", (c) => c.notNull())
    .addColumn("contact_id", "text")
    .addColumn("import_id", "integer", (c) => c.references("imports.id"))
    .execute();
  await db.schema.createIndex("qa_evaluations_agent_date_idx").on("qa_evaluations").columns(["agent_id", "date"]).execute();
  await db.schema.createIndex("qa_evaluations_date_idx").on("qa_evaluations").column("date").execute();

  await db.schema
    .createTable("csat_responses")
    .addColumn("response_id", "text", (c) => c.primaryKey())
    .addColumn("date", "text", (c) => c.notNull())
    .addColumn("agent_id", "integer", (c) => c.notNull().references("agents.id"))
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("rating", "integer", (c) => c.notNull())
    .addColumn("import_id", "integer", (c) => c.references("imports.id"))
    .execute();
  await db.schema.createIndex("csat_responses_agent_date_idx").on("csat_responses").columns(["agent_id", "date"]).execute();
  await db.schema.createIndex("csat_responses_date_idx").on("csat_responses").column("date").execute();
  await db.schema.createIndex("interaction_daily_date_idx").on("interaction_daily").column("date").execute();

  await db.schema
    .createTable("rubric_versions")
    .addColumn("id", "integer", autoId)
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().unique())
    .addColumn("definition", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("effective_from", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("approved_at", "text")
    .addColumn("approved_by", "text")
    .execute();

  await db.schema
    .createTable("quarters")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("rubric_version_id", "integer", (c) => c.references("rubric_versions.id"))
    .addColumn("calculated_at", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("quarter_transitions")
    .addColumn("id", "integer", autoId)
    .addColumn("quarter_id", "text", (c) => c.notNull().references("quarters.id"))
    .addColumn("from_state", "text")
    .addColumn("to_state", "text", (c) => c.notNull())
    .addColumn("actor_user_id", "integer", (c) => c.references("users.id"))
    .addColumn("actor_label", "text", (c) => c.notNull())
    .addColumn("reason", "text")
    .addColumn("at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("quarter_transitions_quarter_idx").on("quarter_transitions").column("quarter_id").execute();

  await db.schema
    .createTable("quarter_results")
    .addColumn("quarter_id", "text", (c) => c.notNull().references("quarters.id"))
    .addColumn("agent_id", "integer", (c) => c.notNull().references("agents.id"))
    .addColumn("team_id", "integer", (c) => c.notNull().references("teams.id"))
    .addColumn("rubric_version_id", "integer", (c) => c.notNull().references("rubric_versions.id"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("composite", "double precision")
    .addColumn("adjustment", "double precision", (c) => c.notNull().defaultTo(0))
    .addColumn("final_composite", "double precision")
    .addColumn("grade", "text")
    .addColumn("rank_team", "integer")
    .addColumn("rank_org", "integer")
    .addColumn("missing_weight_bp", "integer", (c) => c.notNull())
    .addColumn("explanation", "text", (c) => c.notNull())
    .addColumn("calculated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("quarter_results_pk", ["quarter_id", "agent_id"])
    .execute();
  await db.schema.createIndex("quarter_results_team_idx").on("quarter_results").columns(["quarter_id", "team_id"]).execute();
  await db.schema.createIndex("quarter_results_agent_idx").on("quarter_results").column("agent_id").execute();

  await db.schema
    .createTable("quarter_metric_results")
    .addColumn("quarter_id", "text", (c) => c.notNull().references("quarters.id"))
    .addColumn("agent_id", "integer", (c) => c.notNull().references("agents.id"))
    .addColumn("metric_key", "text", (c) => c.notNull())
    .addColumn("dimension_key", "text", (c) => c.notNull())
    .addColumn("raw_value", "double precision")
    .addColumn("points", "double precision")
    .addColumn("normalized", "double precision")
    .addColumn("weight_bp", "integer", (c) => c.notNull())
    .addColumn("effective_weight_pct", "double precision", (c) => c.notNull())
    .addColumn("sample", "integer", (c) => c.notNull())
    .addColumn("missing", "text")
    .addPrimaryKeyConstraint("quarter_metric_results_pk", ["quarter_id", "agent_id", "metric_key"])
    .execute();
  await db.schema.createIndex("quarter_metric_results_agent_idx").on("quarter_metric_results").column("agent_id").execute();

  await db.schema
    .createTable("audit_log")
    .addColumn("id", "integer", autoId)
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("actor_user_id", "integer", (c) => c.references("users.id"))
    .addColumn("actor_label", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("entity", "text", (c) => c.notNull())
    .addColumn("entity_id", "text")
    .addColumn("before", "text")
    .addColumn("after", "text")
    .execute();
  await db.schema.createIndex("audit_log_at_idx").on("audit_log").column("at").execute();
  await db.schema.createIndex("audit_log_entity_idx").on("audit_log").columns(["entity", "entity_id"]).execute();
}

export async function down(): Promise<void> {
  throw new Error("Starboard migrations are forward-only");
}
