import type { Kysely } from "kysely";
import { autoIdColumn, engineOf } from "../dialect.ts";

/** When the default intervention catalogue was written; a fixed value keeps fresh databases identical. */
const SEEDED_AT = "2026-01-01T00:00:00.000Z";

/**
 * The default intervention catalogue (issue #6, seed 000): what Starboard suggests for a weak
 * item on each metric. HR edits it afterwards; it is seeded once, here, so a fresh database
 * suggests something from the first calculated quarter.
 */
export const DEFAULT_INTERVENTIONS: ReadonlyArray<{ name: string; kind: string; description: string; metrics: readonly string[] }> = [
  {
    name: "1:1 mentoring on case handling",
    kind: "mentoring",
    description: "Weekly one-to-one sessions with a senior agent reviewing the agent's own unresolved and repeat cases.",
    metrics: ["first_contact_resolution", "repeat_contact_rate"],
  },
  {
    name: "Knowledge-base test",
    kind: "knowledge_test",
    description: "A graded test on the knowledge base for the agent's queues; retake until 90 % correct.",
    metrics: ["first_contact_resolution", "knowledge_accuracy"],
  },
  {
    name: "Shadowing a fast responder",
    kind: "shadowing",
    description: "Two half-days shadowing a top responder on the same channel: queue handling, templates, prioritisation.",
    metrics: ["first_response_time", "chat_response_time", "phone_answer_rate_90s"],
  },
  {
    name: "Tooling and shortcuts training",
    kind: "course",
    description: "Course on the contact-centre tools: macros, canned responses, keyboard shortcuts, routing.",
    metrics: ["first_response_time", "chat_response_time", "phone_answer_rate_90s"],
  },
  {
    name: "SOP refresher on failed QA items",
    kind: "course",
    description: "Refresher on the SOP sections behind the agent's failed QA items, with two calibrated re-evaluations.",
    metrics: ["qa_score", "sop_compliance", "record_completeness"],
  },
  {
    name: "Empathy workshop",
    kind: "workshop",
    description: "Half-day workshop on tone, patience and acknowledging the customer's feelings, with role-play.",
    metrics: ["csat", "complaint_rate", "empathy", "tone_patience"],
  },
];

/** Coaching: the intervention catalogue, plans with targets, progress notes. Portable types only. */
export async function up(db: Kysely<any>): Promise<void> {
  const autoId = autoIdColumn(engineOf(db));
  await db.schema
    .createTable("coaching_interventions")
    .addColumn("id", "integer", autoId)
    .addColumn("name", "text", (c) => c.notNull().unique())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("active", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("coaching_intervention_metrics")
    .addColumn("intervention_id", "integer", (c) => c.notNull().references("coaching_interventions.id").onDelete("cascade"))
    .addColumn("metric_key", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("coaching_intervention_metrics_pk", ["intervention_id", "metric_key"])
    .execute();

  await db.schema
    .createTable("coaching_plans")
    .addColumn("id", "integer", autoId)
    .addColumn("agent_id", "integer", (c) => c.notNull().references("agents.id"))
    .addColumn("team_id", "integer", (c) => c.notNull().references("teams.id"))
    .addColumn("intervention_id", "integer", (c) => c.notNull().references("coaching_interventions.id"))
    .addColumn("source_quarter_id", "text")
    .addColumn("target_quarter_id", "text", (c) => c.notNull())
    .addColumn("metric_key", "text", (c) => c.notNull())
    .addColumn("dimension_key", "text")
    .addColumn("target_value", "double precision", (c) => c.notNull())
    .addColumn("owner_user_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("due_date", "text", (c) => c.notNull())
    .addColumn("activities", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("assigned_by_user_id", "integer", (c) => c.references("users.id"))
    .addColumn("assigned_by_label", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("acknowledged_at", "text")
    .addColumn("before_value", "double precision")
    .addColumn("before_normalized", "double precision")
    .addColumn("after_value", "double precision")
    .addColumn("after_normalized", "double precision")
    .addColumn("outcome", "text")
    .addColumn("evaluated_at", "text")
    .execute();
  await db.schema.createIndex("coaching_plans_agent_idx").on("coaching_plans").column("agent_id").execute();
  await db.schema.createIndex("coaching_plans_team_idx").on("coaching_plans").columns(["team_id", "status"]).execute();
  await db.schema.createIndex("coaching_plans_target_idx").on("coaching_plans").column("target_quarter_id").execute();

  await db.schema
    .createTable("coaching_plan_notes")
    .addColumn("id", "integer", autoId)
    .addColumn("plan_id", "integer", (c) => c.notNull().references("coaching_plans.id"))
    .addColumn("author_user_id", "integer", (c) => c.references("users.id"))
    .addColumn("author_label", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("coaching_plan_notes_plan_idx").on("coaching_plan_notes").column("plan_id").execute();

  for (const item of DEFAULT_INTERVENTIONS) {
    const row = await db
      .insertInto("coaching_interventions")
      .values({ name: item.name, kind: item.kind, description: item.description, active: 1, created_at: SEEDED_AT, updated_at: SEEDED_AT })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db
      .insertInto("coaching_intervention_metrics")
      .values(item.metrics.map((metric_key) => ({ intervention_id: Number(row.id), metric_key })))
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("coaching_plan_notes").execute();
  await db.schema.dropTable("coaching_plans").execute();
  await db.schema.dropTable("coaching_intervention_metrics").execute();
  await db.schema.dropTable("coaching_interventions").execute();
}
