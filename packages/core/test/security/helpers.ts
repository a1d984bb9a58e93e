import { openTestDatabase } from "@starboard/db/testing";
import { type Db } from "@starboard/db";
import { type Actor, type Context, createContext, importCsv, systemActor } from "../../src/index.ts";

/** A fresh in-memory database with two teams, four agents (one left in 2022) and an HR user. */
export async function securityFixture(now = new Date("2026-04-02T09:00:00Z")) {
  const db: Db = await openTestDatabase();
  let clock = now;
  const system = createContext(db, systemActor("cli:test"), () => clock);
  await importCsv(system, {
    kind: "agents",
    fileName: "agents.csv",
    source: {
      buffer: Buffer.from(
        "agent_code,name,team,email,hire_date,leave_date\n" +
          "A1,Ann Lee,North,ann@example.com,2024-01-01,\n" +
          "A2,Bo Chen,North,bo@example.com,2024-01-01,\n" +
          "B1,Cy Wu,South,cy@example.com,2024-01-01,\n" +
          "L1,Lea Old,South,lea@example.com,2020-01-01,2022-06-30\n",
      ),
    },
  });
  await importCsv(system, {
    kind: "users",
    fileName: "users.csv",
    source: {
      buffer: Buffer.from(
        "email,name,role,agent_code,teams\n" +
          "hr@example.com,Hana HR,hr,,\n" +
          "north@example.com,Nils Manager,manager,,North\n" +
          "ann@example.com,Ann Lee,agent,A1,\n" +
          "lea@example.com,Lea Old,agent,L1,\n",
      ),
    },
  });
  const userId = async (email: string) => (await db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow()).id;
  const as = async (email: string, role: Actor["role"]): Promise<Context> =>
    createContext(db, { userId: await userId(email), label: email, role }, () => clock);
  return {
    db,
    system,
    hr: await as("hr@example.com", "hr"),
    manager: await as("north@example.com", "manager"),
    agent: await as("ann@example.com", "agent"),
    userId,
    setNow: (d: Date) => {
      clock = d;
    },
  };
}

/** Every row of every table, for before/after comparisons. */
export async function snapshot(db: Db): Promise<Record<string, unknown[]>> {
  const tables = (await db.introspection.getTables()).map((t) => t.name).sort();
  const out: Record<string, unknown[]> = {};
  for (const name of tables) {
    out[name] = await (db as any).selectFrom(name).selectAll().execute().then((rows: Record<string, unknown>[]) =>
      rows.map((r) => JSON.stringify(r)).sort(),
    );
  }
  return out;
}
