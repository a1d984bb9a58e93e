import type { Channel } from "@starboard/kpi";
import { isIsoDate, type RowReader } from "./cells.ts";
import { usersFormat } from "./usersFormat.ts";

/** The CSV files `importCsv` reads, by kind. */
export const CSV_IMPORT_KINDS = ["agents", "interactions", "qa", "csat", "users", "contacts"] as const;
export type CsvImportKind = (typeof CSV_IMPORT_KINDS)[number];

/** What a data row yields once read: its values, plus what the import checks across rows. */
export interface ReadRow<R> {
  /** The row's values; only complete when the reader found no problem in the row. */
  record: R;
  /** The natural key, when every key cell is valid (for the duplicate check): one cell, or a composite key's cells. */
  key: string | readonly string[] | undefined;
  /** How the key is named in a duplicate message, e.g. `evaluation_id "E-1"`. */
  keyLabel: string;
  keyColumn: string;
  /** An agent_code that must already exist (fact files). */
  agentCode: string | undefined;
  /** A fact's date, to find its quarter. */
  date: string | undefined;
  /** Team names that must already exist (users.csv). */
  teamNames?: string[];
}

export interface CsvFormat<R> {
  kind: CsvImportKind;
  required: readonly string[];
  optional: readonly string[];
  read(row: RowReader): ReadRow<R>;
}

export interface AgentCsvRow {
  agentCode: string;
  name: string;
  team: string;
  email: string | null;
  hireDate: string;
  leaveDate: string | null;
}

export interface InteractionCsvRow {
  date: string;
  agentCode: string;
  channel: Channel;
  contacts: number;
  firstResponseSecSum: number | null;
  answeredWithin90s: number | null;
  resolved: number | null;
  resolvedFirstContact: number | null;
  repeatContacts30d: number | null;
  complaints: number | null;
}

export interface QaCsvRow {
  evaluationId: string;
  date: string;
  agentCode: string;
  form: string;
  scorePct: number;
  fatal: boolean;
  reviewerCode: string;
  contactId: string | null;
}

export interface CsatCsvRow {
  responseId: string;
  date: string;
  agentCode: string;
  channel: Channel;
  rating: number;
}

export const agentsFormat: CsvFormat<AgentCsvRow> = {
  kind: "agents",
  required: ["agent_code", "name", "team", "email", "hire_date"],
  optional: ["leave_date"],
  read(row) {
    const agentCode = row.text("agent_code", true);
    const name = row.text("name", true);
    const team = row.text("team", true);
    const email = row.email("email", false);
    const hireDate = row.date("hire_date", true);
    const leaveDate = row.date("leave_date", false);
    if (hireDate && leaveDate && leaveDate < hireDate) {
      row.problem("leave_date", "leave_before_hire", { value: leaveDate, hireDate });
    }
    return {
      record: { agentCode, name, team, email, hireDate, leaveDate } as AgentCsvRow,
      key: agentCode ?? undefined,
      keyLabel: `agent_code "${agentCode}"`,
      keyColumn: "agent_code",
      agentCode: undefined,
      date: undefined,
    };
  },
};

export const interactionsFormat: CsvFormat<InteractionCsvRow> = {
  kind: "interactions",
  required: [
    "date",
    "agent_code",
    "channel",
    "contacts",
    "first_response_sec_sum",
    "answered_within_90s",
    "resolved",
    "resolved_first_contact",
    "repeat_contacts_30d",
    "complaints",
  ],
  optional: [],
  read(row) {
    const date = row.date("date", true);
    const agentCode = row.text("agent_code", true);
    const channel = row.channel("channel");
    const contacts = row.integer("contacts", true);
    const firstResponseSecSum = row.decimal("first_response_sec_sum", false);
    const answeredWithin90s = row.integer("answered_within_90s", false);
    const resolved = row.integer("resolved", false);
    const resolvedFirstContact = row.integer("resolved_first_contact", false);
    const repeatContacts30d = row.integer("repeat_contacts_30d", false);
    const complaints = row.integer("complaints", false);

    if (typeof answeredWithin90s === "number" && typeof contacts === "number" && answeredWithin90s > contacts) {
      row.problem("answered_within_90s", "exceeds", { value: answeredWithin90s, limitColumn: "contacts", limit: contacts });
    }
    if (resolved === null && resolvedFirstContact !== null && resolvedFirstContact !== undefined) {
      row.problem("resolved", "pair_incomplete", { column: "resolved", other: "resolved_first_contact" });
    } else if (resolvedFirstContact === null && resolved !== null && resolved !== undefined) {
      row.problem("resolved_first_contact", "pair_incomplete", { column: "resolved_first_contact", other: "resolved" });
    } else if (typeof resolved === "number" && typeof resolvedFirstContact === "number" && resolvedFirstContact > resolved) {
      row.problem("resolved_first_contact", "exceeds", { value: resolvedFirstContact, limitColumn: "resolved", limit: resolved });
    }
    return {
      record: {
        date,
        agentCode,
        channel,
        contacts,
        firstResponseSecSum,
        answeredWithin90s,
        resolved,
        resolvedFirstContact,
        repeatContacts30d,
        complaints,
      } as InteractionCsvRow,
      key: date && agentCode && channel ? [date, agentCode, channel] : undefined,
      keyLabel: `date ${date}, agent_code "${agentCode}" and channel ${channel}`,
      keyColumn: "date",
      agentCode: agentCode ?? undefined,
      date: date ?? undefined,
    };
  },
};

export const qaFormat: CsvFormat<QaCsvRow> = {
  kind: "qa",
  required: ["evaluation_id", "date", "agent_code", "form", "score_pct", "fatal", "reviewer_code"],
  optional: ["contact_id"],
  read(row) {
    const evaluationId = row.text("evaluation_id", true);
    const date = row.date("date", true);
    const agentCode = row.text("agent_code", true);
    const form = row.text("form", true);
    const scorePct = row.decimal("score_pct", true, { min: 0, max: 100 });
    const fatal = row.boolean("fatal", true);
    const reviewerCode = row.text("reviewer_code", true);
    const contactId = row.text("contact_id", false);
    return {
      record: { evaluationId, date, agentCode, form, scorePct, fatal, reviewerCode, contactId } as QaCsvRow,
      key: evaluationId ?? undefined,
      keyLabel: `evaluation_id "${evaluationId}"`,
      keyColumn: "evaluation_id",
      agentCode: agentCode ?? undefined,
      date: date ?? undefined,
    };
  },
};

export const csatFormat: CsvFormat<CsatCsvRow> = {
  kind: "csat",
  required: ["response_id", "date", "agent_code", "channel", "rating"],
  optional: [],
  read(row) {
    const responseId = row.text("response_id", true);
    const date = row.date("date", true);
    const agentCode = row.text("agent_code", true);
    const channel = row.channel("channel");
    const rating = row.integer("rating", true, { min: 1, max: 5 });
    return {
      record: { responseId, date, agentCode, channel, rating } as CsatCsvRow,
      key: responseId ?? undefined,
      keyLabel: `response_id "${responseId}"`,
      keyColumn: "response_id",
      agentCode: agentCode ?? undefined,
      date: date ?? undefined,
    };
  },
};

export interface ContactCsvRow {
  contactId: string;
  /** Normalised to UTC, e.g. 2026-10-05T09:12:00.000Z. */
  startedAt: string;
  agentCode: string;
  channel: Channel;
  durationSec: number;
  slaMissed: boolean;
  complaint: boolean;
}

/** ISO 8601 date-time with seconds optional and an optional Z / ±hh:mm offset (none = UTC). */
const ISO_DATE_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/;

export const contactsFormat: CsvFormat<ContactCsvRow> = {
  kind: "contacts",
  required: ["contact_id", "started_at", "agent_code", "channel", "duration_sec", "sla_missed", "complaint"],
  optional: [],
  read(row) {
    const contactId = row.text("contact_id", true);
    const startedText = row.text("started_at", true);
    let startedAt: string | undefined;
    if (typeof startedText === "string") {
      const m = ISO_DATE_TIME.exec(startedText);
      const hh = m ? Number(m[2]) : 99;
      const mm = m ? Number(m[3]) : 99;
      const ss = m?.[4] ? Number(m[4]) : 0;
      const ms = m ? Date.parse(`${m[1]}T${m[2]}:${m[3]}:${m[4] ?? "00"}${m[5] ?? "Z"}`) : Number.NaN;
      if (!m || !isIsoDate(m[1]!) || hh > 23 || mm > 59 || ss > 59 || Number.isNaN(ms)) row.problem("started_at", "not_date_time", { value: startedText });
      else startedAt = new Date(ms).toISOString();
    }
    const agentCode = row.text("agent_code", true);
    const channel = row.channel("channel");
    const durationSec = row.integer("duration_sec", true);
    const slaMissed = row.boolean("sla_missed", true);
    const complaint = row.boolean("complaint", true);
    return {
      record: { contactId, startedAt, agentCode, channel, durationSec, slaMissed, complaint } as ContactCsvRow,
      key: contactId ?? undefined,
      keyLabel: `contact_id "${contactId}"`,
      keyColumn: "contact_id",
      agentCode: agentCode ?? undefined,
      // Contacts feed QA sampling only, not a quarter's score: no quarter-lock check.
      date: undefined,
    };
  },
};

export const CSV_FORMATS = {
  agents: agentsFormat,
  interactions: interactionsFormat,
  qa: qaFormat,
  csat: csatFormat,
  users: usersFormat,
  contacts: contactsFormat,
} as const satisfies Record<CsvImportKind, CsvFormat<unknown>>;
