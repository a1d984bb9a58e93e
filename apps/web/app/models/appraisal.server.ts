import { adjustResult, can, commentResult, type Context, isDomainError, respondToAppraisal, SERVICE_STAR_KEY } from "@starboard/core";
import {
  type AgentIdentity,
  type Db,
  findAcknowledgement,
  findAgentResult,
  findQuarter,
  latestAdjustmentReasons,
  listAgentNominations,
  listResultComments,
} from "@starboard/db";
import { quarterIdSchema } from "@starboard/kpi";
import { z } from "zod";
import type { ActionMessageData } from "~/components/cycle/ActionMessage";
import type { SessionUser } from "~/utils/session.server";

export type ServiceStarTracker =
  | { kind: "earned" | "nominated"; quarter: string }
  | { kind: "keepA"; quarter: string }
  | { kind: "reachA" }
  | null;

export interface AppraisalPanelData {
  quarter: string | null;
  state: string | null;
  awards: Array<{ quarter: string; award: string; amount: number; currency: string; status: string }>;
  tracker: ServiceStarTracker;
  adjustment: { value: number; reason: string; by: string } | null;
  comments: Array<{ id: number; kind: string; body: string; by: string; at: string }>;
  acknowledgedAt: string | null;
  can: { adjust: boolean; comment: boolean; respond: boolean };
}

/**
 * The appraisal part of the agent page for the selected quarter: awards earned (in quarters
 * the viewer may see), the Service Star tracker, HR's adjustment and its reason, manager and
 * agent comments, the acknowledgement, and which forms this viewer gets.
 */
export async function getAppraisalPanelData(
  db: Db,
  user: SessionUser,
  agent: AgentIdentity,
  selected: { id: string; state: string } | null,
  visibleQuarterIds: readonly string[],
): Promise<AppraisalPanelData> {
  const nominations = await listAgentNominations(db, agent.agentId, visibleQuarterIds);
  const awards = nominations
    .filter((n) => n.status === "approved")
    .map((n) => ({ quarter: n.quarter_id, award: n.award_name, amount: Number(n.award_amount), currency: n.award_currency, status: n.status }));
  if (!selected) return { quarter: null, state: null, awards, tracker: null, adjustment: null, comments: [], acknowledgedAt: null, can: { adjust: false, comment: false, respond: false } };

  const [result, reasons, comments, ack] = await Promise.all([
    findAgentResult(db, selected.id, agent.agentId),
    latestAdjustmentReasons(db, selected.id),
    listResultComments(db, selected.id, agent.agentId),
    findAcknowledgement(db, selected.id, agent.agentId),
  ]);
  const star = nominations.find((n) => n.quarter_id === selected.id && n.award_key === SERVICE_STAR_KEY && n.status !== "rejected");
  const tracker: ServiceStarTracker = !result
    ? null
    : star
      ? { kind: star.status === "approved" ? "earned" : "nominated", quarter: selected.id }
      : result.grade === "A"
        ? { kind: "keepA", quarter: selected.id }
        : { kind: "reachA" };
  const reason = reasons.get(agent.agentId);
  const state = selected.state;
  const teamId = result ? Number(result.team_id) : agent.teamId;
  return {
    quarter: selected.id,
    state,
    awards,
    tracker,
    adjustment: result && Number(result.adjustment) !== 0 && reason ? { value: Number(result.adjustment), reason: reason.reason, by: reason.by } : null,
    // Agents see comments only once the appraisal is published (they can't see the quarter before anyway).
    comments: comments.map((c) => ({ id: c.id, kind: c.kind, body: c.body, by: c.author_label, at: c.at })),
    acknowledgedAt: ack?.at ?? null,
    can: {
      adjust: !!result && result.composite !== null && can(user, "adjust_result") && (state === "calculated" || state === "in_review"),
      comment: !!result && user.role !== "agent" && can(user, "comment_result", { teamId }) && state === "in_review",
      respond: !!result && can(user, "respond_appraisal", { agentId: agent.agentId }) && state === "published",
    },
  };
}

const appraisalSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("adjust"), quarter: quarterIdSchema, adjustment: z.coerce.number().finite(), reason: z.string().max(1000) }),
  z.object({ intent: z.literal("comment"), quarter: quarterIdSchema, body: z.string().max(2000) }),
  z.object({ intent: z.literal("acknowledge"), quarter: quarterIdSchema }),
  z.object({ intent: z.enum(["agentComment", "appeal"]), quarter: quarterIdSchema, body: z.string().max(2000) }),
]);

/** The agent page's POST: HR adjustment, manager comment, or the agent's acknowledgement / comment / appeal. */
export async function handleAppraisalAction(ctx: Context, user: SessionUser, agent: AgentIdentity, form: FormData): Promise<ActionMessageData> {
  const parsed = appraisalSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { ok: false, error: "invalid_input", params: { message: parsed.error.issues[0]?.message ?? "" } };
  const input = parsed.data;
  const quarter = await findQuarter(ctx.db, input.quarter);
  if (!quarter || !can(user, "view_quarter", { state: quarter.state })) throw new Response("Not Found", { status: 404, statusText: "Not Found" });
  try {
    switch (input.intent) {
      case "adjust": {
        const r = await adjustResult(ctx, { quarterId: input.quarter, agentCode: agent.agentCode, adjustment: input.adjustment, reason: input.reason });
        return { ok: true, done: "adjusted", params: { adjustment: r.adjustment, final: r.finalComposite ?? "" } };
      }
      case "comment":
        await commentResult(ctx, { quarterId: input.quarter, agentCode: agent.agentCode, body: input.body });
        return { ok: true, done: "commented", params: {} };
      case "acknowledge":
        await respondToAppraisal(ctx, { quarterId: input.quarter, agentCode: agent.agentCode, response: { kind: "acknowledge" } });
        return { ok: true, done: "acknowledged", params: {} };
      case "agentComment":
      case "appeal":
        await respondToAppraisal(ctx, {
          quarterId: input.quarter,
          agentCode: agent.agentCode,
          response: { kind: input.intent === "appeal" ? "appeal" : "comment", body: input.body },
        });
        return { ok: true, done: input.intent, params: {} };
    }
  } catch (error) {
    if (isDomainError(error)) {
      if (error.code === "not_found") throw new Response("Not Found", { status: 404, statusText: "Not Found" });
      if (error.code === "forbidden") throw new Response("Forbidden", { status: 403, statusText: "Forbidden" });
      return { ok: false, error: error.code, params: { message: error.message, ...error.params } };
    }
    throw error;
  }
}
