import type { AgentIdentity, Db } from "@starboard/db";
import type { AgentPageData } from "~/components/dashboard/types";
import type { SessionUser } from "~/utils/session.server";
import { getAppraisalPanelData } from "./appraisal.server";

/** The agent page's data plus the appraisal panel (awards, Service Star tracker, review). */
export async function withAppraisal(db: Db, user: SessionUser, agent: AgentIdentity, page: AgentPageData) {
  const appraisal = await getAppraisalPanelData(db, user, agent, page.quarter, page.quarters.map((q) => q.id));
  return { ...page, appraisal };
}
