import { findUserByEmail } from "@starboard/db";
import { seededRandom } from "@starboard/kpi";
import { type Actor, type Context, createContext } from "../context.ts";
import { importCsv } from "../import/index.ts";
import { fileQaDispute, resolveQaDispute } from "../qa/disputes.ts";
import { installQaPresets, listQaFormVersions } from "../qa/forms.ts";
import { generateQaSample } from "../qa/sample.ts";
import { startQaEvaluation } from "../qa/startEvaluation.ts";
import { submitQaReview } from "../qa/submitReview.ts";

/** Month of demo contacts before the sampled month (its volume sets the quota). */
export const DEMO_QA_PREVIOUS_MONTH = "2026-10";
/** The month the demo's sampling plan is generated for. */
export const DEMO_QA_SAMPLE_MONTH = "2026-11";

const good = { option: "good" };
const allGood = () => ({
  opening: good,
  confirm_need: good,
  confirm_information: good,
  solution: good,
  closing: good,
  ticket: good,
  listening: good,
  pace_and_courtesy: good,
});

/** contacts.csv for the Phone Support teams (AG001–AG020): October in full, November 1–20. */
export function demoContactsCsv(seed: number): string {
  const random = seededRandom(seed ^ 0x5a17);
  const lines = ["contact_id,started_at,agent_code,channel,duration_sec,sla_missed,complaint"];
  const days: Array<{ date: string; perAgent: number }> = [];
  for (let d = 1; d <= 31; d++) days.push({ date: `2026-10-${String(d).padStart(2, "0")}`, perAgent: 22 });
  for (let d = 1; d <= 20; d++) days.push({ date: `2026-11-${String(d).padStart(2, "0")}`, perAgent: 8 });
  let n = 0;
  for (const { date, perAgent } of days) {
    for (let a = 1; a <= 20; a++) {
      const code = `AG${String(a).padStart(3, "0")}`;
      for (let i = 0; i < perAgent; i++) {
        n++;
        const minute = 8 * 60 + Math.floor((i * 9 * 60) / perAgent) + Math.floor(random() * 10);
        const time = `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}:00Z`;
        const channel = random() < 0.88 ? "phone" : "email";
        const r = random();
        const duration = r < 0.03 ? 8 + Math.floor(random() * 11) : 60 + Math.floor(random() * 260);
        const slaMissed = random() < 0.12;
        const complaint = random() < 0.02;
        lines.push(`CT-${String(n).padStart(6, "0")},${date}T${time},${code},${channel},${duration},${slaMissed},${complaint}`);
      }
    }
  }
  return `${lines.join("\n")}\n`;
}

/**
 * QA scorecards in the demo, all in the current quarter 2026-Q4 (the published quarters
 * 2025-Q4 … 2026-Q3 are untouched): the two preset forms, contacts for October and
 * November, a handful of evaluations by Marcus Webb (Phone Support North and South) —
 * one with a failed key item that was disputed and the dispute rejected, an agreed dual
 * review, one dual review flagged for calibration, one waiting in his queue — and the
 * November sampling plan.
 */
export async function loadQaDemo(ctx: Context, seed: number): Promise<void> {
  await installQaPresets(ctx);
  await importCsv(ctx, { kind: "contacts", fileName: "demo-contacts.csv", source: { buffer: Buffer.from(demoContactsCsv(seed), "utf8") } });

  const actorFor = async (email: string): Promise<Actor> => {
    const user = await findUserByEmail(ctx.db, email);
    if (!user) throw new Error(`demo user ${email} is missing`);
    return { userId: user.id, label: user.email, role: user.role };
  };
  const lead = await actorFor("manager1@starboard.test");
  const hr = await actorFor("hr@starboard.test");
  const agent8 = await actorFor("ag008@starboard.test");
  const at = (actor: Actor, iso: string) => createContext(ctx.db, actor, () => new Date(iso));
  const forms = await listQaFormVersions(at(lead, "2026-10-01T00:00:00Z"), { currentOnly: true });
  const callQuality = forms.find((f) => f.formKey === "call_quality")!.id;
  const compliance = forms.find((f) => f.formKey === "compliance")!.id;

  // AG008: a failed key item (wrong solution) zeroes the evaluation; the dispute is rejected.
  const fatal = await startQaEvaluation(at(lead, "2026-10-14T09:00:00Z"), { agentCode: "AG008", formId: callQuality, contactId: "CT-001234", dual: "no" });
  await submitQaReview(at(lead, "2026-10-14T09:20:00Z"), {
    scoringId: fatal.scoringId,
    answers: { items: { ...allGood(), solution: { option: "poor", note: "Quoted the old refund rule" }, closing: { option: "poor" } }, bonusPoints: 0 },
  });
  const dispute = await fileQaDispute(at(agent8, "2026-10-15T08:00:00Z"), { scoringId: fatal.scoringId, reason: "The customer's plan still had the old refund rule." });
  await resolveQaDispute(at(lead, "2026-10-16T10:00:00Z"), {
    disputeId: dispute.disputeId,
    decision: "reject",
    reason: "The plan was migrated in September; the new rule applied.",
  });

  // AG003: all good, with a bonus point that the cap keeps at 100.
  const star = await startQaEvaluation(at(lead, "2026-10-20T09:00:00Z"), { agentCode: "AG003", formId: callQuality, dual: "no" });
  await submitQaReview(at(lead, "2026-10-20T09:15:00Z"), { scoringId: star.scoringId, answers: { items: allGood(), bonusPoints: 2 } });

  // AG015: the compliance form — one missed SOP step (−2) and two non-standard phrases (−2): 6/10.
  const comp = await startQaEvaluation(at(lead, "2026-11-03T09:00:00Z"), { agentCode: "AG015", formId: compliance, dual: "no" });
  await submitQaReview(at(lead, "2026-11-03T09:10:00Z"), {
    scoringId: comp.scoringId,
    answers: { items: { sop_steps: { occurrences: 1 }, standard_phrases: { occurrences: 2 } }, bonusPoints: 0 },
  });

  // AG005: a dual review within 20 points: final with the mean (100 and 97 → 98.5).
  const agreed = await startQaEvaluation(at(lead, "2026-11-05T09:00:00Z"), { agentCode: "AG005", formId: callQuality, dual: "yes", secondReviewerUserId: hr.userId });
  await submitQaReview(at(lead, "2026-11-05T09:30:00Z"), { scoringId: agreed.scoringId, answers: { items: allGood(), bonusPoints: 0 } });
  await submitQaReview(at(hr, "2026-11-05T11:00:00Z"), { scoringId: agreed.scoringId, answers: { items: { ...allGood(), solution: { option: "average" } }, bonusPoints: 0 } });

  // AG012: a blind dual review that diverges (100 vs 0, a key failure): flagged for calibration.
  const flagged = await startQaEvaluation(at(lead, "2026-11-09T09:00:00Z"), { agentCode: "AG012", formId: callQuality, dual: "yes", blind: true, secondReviewerUserId: hr.userId });
  await submitQaReview(at(lead, "2026-11-09T09:30:00Z"), { scoringId: flagged.scoringId, answers: { items: allGood(), bonusPoints: 0 } });
  await submitQaReview(at(hr, "2026-11-09T14:00:00Z"), {
    scoringId: flagged.scoringId,
    answers: { items: { ...allGood(), confirm_information: { option: "poor", note: "Address not confirmed" } }, bonusPoints: 0 },
  });

  // AG001: waiting in Marcus Webb's queue.
  await startQaEvaluation(at(lead, "2026-11-18T09:00:00Z"), { agentCode: "AG001", formId: callQuality, contactId: "CT-040001", dual: "no" });

  await generateQaSample(at(hr, "2026-11-20T18:00:00Z"), { month: DEMO_QA_SAMPLE_MONTH });
}
