import type { Kysely } from "kysely";
import { autoIdColumn, engineOf } from "../dialect.ts";

/**
 * Security and privacy (issue #8): failed sign-in counters for throttling (in the database,
 * so several web processes share them), one-time password links (invite / reset), and the
 * record of which leavers' personal data were anonymised. Portable types only.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const autoId = autoIdColumn(engineOf(db));
  await db.schema
    .createTable("auth_failures")
    .addColumn("id", "integer", autoId)
    .addColumn("scope", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("auth_failures_subject_idx").on("auth_failures").columns(["scope", "subject", "at"]).execute();

  await db.schema
    .createTable("password_tokens")
    .addColumn("token_hash", "text", (c) => c.primaryKey())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("purpose", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .addColumn("created_by", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("password_tokens_user_idx").on("password_tokens").column("user_id").execute();

  await db.schema
    .createTable("anonymised_agents")
    .addColumn("agent_id", "integer", (c) => c.primaryKey().references("agents.id"))
    .addColumn("anonymised_at", "text", (c) => c.notNull())
    .addColumn("actor_label", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("anonymised_agents").execute();
  await db.schema.dropTable("password_tokens").execute();
  await db.schema.dropTable("auth_failures").execute();
}
