// Only the tables module: this also loads on the import's parse worker (decision 065).
import { ROLES, type Role } from "@starboard/db/tables";
import type { CsvFormat } from "./formats.ts";

/** users.csv — `email,name,role,agent_code,teams` (teams: names separated by `;`, managers only). */
export interface UserCsvRow {
  email: string;
  name: string;
  role: Role;
  agentCode: string | null;
  teamNames: string[];
}

const ROLE_SET: ReadonlySet<string> = new Set(ROLES);

export const usersFormat: CsvFormat<UserCsvRow> = {
  kind: "users",
  required: ["email", "name", "role", "agent_code", "teams"],
  optional: [],
  read(row) {
    const rawEmail = row.email("email", true);
    const email = rawEmail ? rawEmail.toLowerCase() : rawEmail;
    const name = row.text("name", true);
    const roleText = row.text("role", true);
    let role: Role | undefined;
    if (roleText != null) {
      if (ROLE_SET.has(roleText)) role = roleText as Role;
      else row.problem("role", "unknown_role", { value: roleText });
    }
    const agentCode = row.text("agent_code", false);
    const teamsText = row.text("teams", false);
    const teamNames = teamsText ? [...new Set(teamsText.split(";").map((t) => t.trim()).filter((t) => t !== ""))] : [];
    if (role === "agent" && agentCode === null) row.problem("agent_code", "required");
    if (role !== undefined && role !== "agent" && agentCode) row.problem("agent_code", "not_for_role", { role, column: "agent_code" });
    if (role !== undefined && role !== "manager" && teamNames.length > 0) row.problem("teams", "not_for_role", { role, column: "teams" });
    return {
      record: { email, name, role, agentCode, teamNames } as UserCsvRow,
      key: email ?? undefined,
      keyLabel: `email "${email}"`,
      keyColumn: "email",
      agentCode: role === "agent" && agentCode ? agentCode : undefined,
      date: undefined,
      teamNames,
    };
  },
};
