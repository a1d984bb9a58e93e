import type { Generated, Insertable, Selectable, Updateable } from "kysely";
import type { RubricsTables } from "./tables/rubrics.ts";
import type { CoachingTables } from "./tables/coaching.ts";
import type { SecurityTables } from "./tables/security.ts";
import type { CycleTables } from "./tables/cycle.ts";
import type { QaTables } from "./tables/qa.ts";

/**
 * Table types, one interface per table, Kysely-style (`XxxTable` / `Xxx` / `NewXxx`).
 * Dates are ISO-8601 TEXT: `YYYY-MM-DD` for calendar dates, full ISO date-times (UTC, `Z`)
 * for timestamps. Booleans are stored as integers 0/1 so the same SQL runs on SQLite and
 * Postgres. JSON documents are TEXT, validated by the engine's zod schemas when read.
 */

export type Timestamp = string;
export type IsoDate = string;
export type Flag = 0 | 1;

export const ROLES = ["hr", "manager", "agent"] as const;
export type Role = (typeof ROLES)[number];

export const QUARTER_STATES = ["draft", "collecting", "calculated", "in_review", "locked", "published"] as const;
export type QuarterState = (typeof QUARTER_STATES)[number];

export const IMPORT_KINDS = ["agents", "interactions", "qa", "csat", "users", "contacts"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

// ── Organisation ──────────────────────────────────────────────────────────────
export interface SettingTable {
  key: string;
  value: string;
}

export interface TeamTable {
  id: Generated<number>;
  name: string;
  created_at: Timestamp;
}

export interface AgentTable {
  id: Generated<number>;
  agent_code: string;
  name: string;
  email: string | null;
  team_id: number;
  hire_date: IsoDate;
  leave_date: IsoDate | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface UserTable {
  id: Generated<number>;
  email: string;
  name: string;
  role: Role;
  agent_id: number | null;
  password_hash: string | null;
  active: Flag;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** Teams a manager looks after. */
export interface UserTeamTable {
  user_id: number;
  team_id: number;
}

export interface SessionTable {
  id: string;
  user_id: number;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
}

// ── Raw facts ─────────────────────────────────────────────────────────────────
export interface ImportTable {
  id: Generated<number>;
  kind: ImportKind;
  file_name: string;
  actor_user_id: number | null;
  actor_label: string;
  created_at: Timestamp;
  rows_total: number;
  rows_added: number;
  rows_replaced: number;
  rows_unchanged: number;
}

/** One row per agent, day and channel (daily aggregates). Empty optional cells are NULL. */
export interface InteractionDailyTable {
  date: IsoDate;
  agent_id: number;
  channel: string;
  contacts: number;
  first_response_sec_sum: number | null;
  answered_within_90s: number | null;
  resolved: number | null;
  resolved_first_contact: number | null;
  repeat_contacts_30d: number | null;
  complaints: number | null;
  import_id: number | null;
}

export interface QaEvaluationTable {
  evaluation_id: string;
  date: IsoDate;
  agent_id: number;
  form: string;
  score_pct: number;
  fatal: Flag;
  reviewer_code: string;
  contact_id: string | null;
  import_id: number | null;
}

export interface CsatResponseTable {
  response_id: string;
  date: IsoDate;
  agent_id: number;
  channel: string;
  rating: number;
  import_id: number | null;
}

// ── Rubrics, quarters, results ────────────────────────────────────────────────
export interface RubricVersionTable {
  id: Generated<number>;
  name: string;
  version: number;
  /** The rubric as JSON, valid under the engine's rubric schema. */
  definition: string;
  status: "draft" | "approved";
  /** First quarter (YYYY-Qn) this version applies to, once approved. */
  effective_from: string | null;
  created_at: Timestamp;
  created_by: string;
  approved_at: Timestamp | null;
  approved_by: string | null;
}

export interface QuarterTable {
  /** `YYYY-Qn`. */
  id: string;
  state: QuarterState;
  /** Rubric version the stored results were computed with. */
  rubric_version_id: number | null;
  calculated_at: Timestamp | null;
  updated_at: Timestamp;
}

export interface QuarterTransitionTable {
  id: Generated<number>;
  quarter_id: string;
  from_state: QuarterState | null;
  to_state: QuarterState;
  actor_user_id: number | null;
  actor_label: string;
  reason: string | null;
  at: Timestamp;
}

export interface QuarterResultTable {
  quarter_id: string;
  agent_id: number;
  /** Team at the end of the quarter (when it was scored). */
  team_id: number;
  rubric_version_id: number;
  status: "complete" | "incomplete" | "insufficient";
  /** Computed composite, full precision; null when insufficient. */
  composite: number | null;
  /** HR adjustment in points (± 5), 0 when none. */
  adjustment: number;
  /** composite + adjustment; grades and ranks use it. */
  final_composite: number | null;
  grade: string | null;
  rank_team: number | null;
  rank_org: number | null;
  missing_weight_bp: number;
  /** The engine's AgentScore as JSON: the full explanation. */
  explanation: string;
  calculated_at: Timestamp;
}

/** One row per metric of a stored result, for SQL reporting (team averages, trends, weak items). */
export interface QuarterMetricResultTable {
  quarter_id: string;
  agent_id: number;
  metric_key: string;
  dimension_key: string;
  /** Scalar raw value; for per-channel metrics the contact-weighted mean. Null when no data. */
  raw_value: number | null;
  points: number | null;
  normalized: number | null;
  weight_bp: number;
  effective_weight_pct: number;
  sample: number;
  missing: string | null;
}

// ── Audit ─────────────────────────────────────────────────────────────────────
/** Append-only: there is no update or delete path for this table anywhere in the code. */
export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  actor_user_id: number | null;
  actor_label: string;
  action: string;
  entity: string;
  entity_id: string | null;
  before: string | null;
  after: string | null;
}

/** The foundation's tables. Each module declares its own `XxxTables` interface in its own file. */
export interface FoundationTables {
  settings: SettingTable;
  teams: TeamTable;
  agents: AgentTable;
  users: UserTable;
  user_teams: UserTeamTable;
  sessions: SessionTable;
  imports: ImportTable;
  interaction_daily: InteractionDailyTable;
  qa_evaluations: QaEvaluationTable;
  csat_responses: CsatResponseTable;
  rubric_versions: RubricVersionTable;
  quarters: QuarterTable;
  quarter_transitions: QuarterTransitionTable;
  quarter_results: QuarterResultTable;
  quarter_metric_results: QuarterMetricResultTable;
  audit_log: AuditLogTable;
}

/**
 * The whole schema: the foundation plus one interface per module (QA, cycle, coaching …),
 * each added on its own line.
 */
export interface Database
  extends FoundationTables,
    CoachingTables,
    RubricsTables,
    SecurityTables,
    CycleTables,
    QaTables {}

export type Team = Selectable<TeamTable>;
export type NewTeam = Insertable<TeamTable>;
export type Agent = Selectable<AgentTable>;
export type NewAgent = Insertable<AgentTable>;
export type AgentUpdate = Updateable<AgentTable>;
export type User = Selectable<UserTable>;
export type NewUser = Insertable<UserTable>;
export type UserUpdate = Updateable<UserTable>;
export type Session = Selectable<SessionTable>;
export type NewSession = Insertable<SessionTable>;
export type Import = Selectable<ImportTable>;
export type NewImport = Insertable<ImportTable>;
export type InteractionDaily = Selectable<InteractionDailyTable>;
export type NewInteractionDaily = Insertable<InteractionDailyTable>;
export type QaEvaluation = Selectable<QaEvaluationTable>;
export type NewQaEvaluation = Insertable<QaEvaluationTable>;
export type CsatResponse = Selectable<CsatResponseTable>;
export type NewCsatResponse = Insertable<CsatResponseTable>;
export type RubricVersion = Selectable<RubricVersionTable>;
export type NewRubricVersion = Insertable<RubricVersionTable>;
export type Quarter = Selectable<QuarterTable>;
export type NewQuarter = Insertable<QuarterTable>;
export type QuarterTransition = Selectable<QuarterTransitionTable>;
export type QuarterResult = Selectable<QuarterResultTable>;
export type NewQuarterResult = Insertable<QuarterResultTable>;
export type QuarterMetricResult = Selectable<QuarterMetricResultTable>;
export type NewQuarterMetricResult = Insertable<QuarterMetricResultTable>;
export type AuditEntry = Selectable<AuditLogTable>;
export type NewAuditEntry = Insertable<AuditLogTable>;
