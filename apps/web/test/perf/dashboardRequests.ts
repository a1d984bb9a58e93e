import { DEMO_HR_EMAIL, createContext, loadDemo, systemActor } from "@starboard/core";
import { type Db, findUserByEmail, openDatabase, rawSqliteOf } from "@starboard/db";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getAgentPageData, requireViewableAgent } from "../../app/models/agentPage.server.ts";
import { getHrOverview } from "../../app/models/hrOverview.server.ts";
import { resolveQuarter } from "../../app/models/quarters.server.ts";
import { getTeamPageData, requireViewableTeam } from "../../app/models/teamPage.server.ts";
import type { SessionUser } from "../../app/utils/session.server.ts";

export interface CapturedQuery {
  sql: string;
  parameters: readonly unknown[];
}

/**
 * The demo organisation in a temp database opened with a query hook, and the data work of
 * the three dashboard loaders (HR overview, team page, agent page) exactly as the route
 * modules run it after sign-in, so tests can count and EXPLAIN every query a request makes.
 */
export class DashboardFixture {
  private capturing: CapturedQuery[] | null = null;
  private constructor(
    readonly db: Db,
    readonly hr: SessionUser,
    private readonly dir: string,
  ) {}

  static async create(): Promise<DashboardFixture> {
    const dir = mkdtempSync(join(tmpdir(), "starboard-perf-"));
    let fixture: DashboardFixture | undefined;
    const db = await openDatabase(join(dir, "demo.db"), {
      onQuery: (sql, parameters) => fixture?.record(sql, parameters),
    });
    await loadDemo(createContext(db, systemActor("test")));
    const row = await findUserByEmail(db, DEMO_HR_EMAIL);
    if (!row) throw new Error("demo HR user missing");
    const hr: SessionUser = { id: Number(row.id), email: row.email, name: row.name, role: "hr", agentId: null, teamIds: [] };
    fixture = new DashboardFixture(db, hr, dir);
    return fixture;
  }

  private record(sql: string, parameters: readonly unknown[]) {
    this.capturing?.push({ sql, parameters });
  }

  /** Runs `work` and returns every query it made. */
  async capture(work: () => Promise<unknown>): Promise<CapturedQuery[]> {
    this.capturing = [];
    try {
      await work();
      return this.capturing;
    } finally {
      this.capturing = null;
    }
  }

  hrOverview(url = "http://x/hr") {
    return async () => {
      const { selected, quarters } = await resolveQuarter(this.db, this.hr, new URL(url));
      return getHrOverview(this.db, selected, quarters);
    };
  }

  teamPage(teamId: number, url = `http://x/teams/${teamId}`) {
    return async () => {
      const team = await requireViewableTeam(this.db, this.hr, String(teamId));
      const { selected, quarters } = await resolveQuarter(this.db, this.hr, new URL(url));
      return getTeamPageData(this.db, team, selected, quarters);
    };
  }

  agentPage(code: string, url = `http://x/agents/${code}`) {
    return async () => {
      const agent = await requireViewableAgent(this.db, this.hr, code);
      return getAgentPageData(this.db, this.hr, agent, new URL(url));
    };
  }

  /** SQLite's plan of one captured query, one line per step. */
  explain(query: CapturedQuery): string[] {
    const sqlite = rawSqliteOf(this.db)!;
    const params = query.parameters.map((p) => (typeof p === "boolean" ? Number(p) : p));
    return (sqlite.prepare(`EXPLAIN QUERY PLAN ${query.sql}`).all(params) as Array<{ detail: string }>).map((r) => r.detail);
  }

  async close() {
    await this.db.destroy();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
