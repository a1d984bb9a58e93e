import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { contextFor } from "~/utils/context.server";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { generateQaSample, getQaSample } from "@starboard/core";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { DashboardErrorBoundary } from "~/components/dashboard/DashboardErrorBoundary";
import { ActionMessage } from "~/components/qa/ActionMessage";
import { QaNav } from "~/components/qa/QaNav";
import { loadOr404, runQaAction } from "~/models/qa.server";
import { assertSameOrigin } from "~/utils/csrf.server";
import { getDb } from "~/utils/db.server";
import { readForm } from "~/utils/form.server";
import { can } from "@starboard/core";
import { requirePermission } from "~/utils/policy.server";
import { requireUser } from "~/utils/session.server";

export const handle = { i18n: ["common", "dashboard", "qa"] };

const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

function monthOf(request: Request): string {
  const raw = new URL(request.url).searchParams.get("month") ?? new Date().toISOString().slice(0, 7);
  const month = monthSchema.safeParse(raw);
  if (!month.success) throw new Response(JSON.stringify({ code: "badRequest" }), { status: 400 });
  return month.data;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "qa_view_sample");
  const month = monthOf(request);
  const plan = await loadOr404(async () => getQaSample(contextFor(await getDb(), user), month));
  const mine = plan?.picks.filter((p) => p.reviewerUserId === user.id) ?? [];
  return { month, plan, mine, canGenerate: can(user, "qa_generate_sample") };
}

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const user = await requireUser(request);
  requirePermission(user, "qa_generate_sample");
  const month = monthOf(request);
  const regenerate = (await readForm(request)).get("intent") === "regenerate";
  return runQaAction("generate", async () => {
    const plan = await generateQaSample(contextFor(await getDb(), user), { month, regenerate });
    return { message: "sampleGenerated", params: { month, seed: plan.seed } };
  });
}

export default function QaSamplingRoute() {
  const { month, plan, mine, canGenerate } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const { t } = useTranslation("qa");
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-bold tracking-tight" data-testid="page-title">
          {t("sampling.title")}
        </h1>
        <QaNav />
      </header>
      <Form method="get" className="flex items-end gap-3 text-sm">
        <label className="font-medium">
          {t("sampling.month")}
          <input type="month" name="month" defaultValue={month} className="mt-1 block rounded-md border-gray-300 text-sm" />
        </label>
        <button type="submit" className="rounded-md bg-blue-600 px-3 py-2 text-white">
          {t("reports.show")}
        </button>
      </Form>
      <ActionMessage result={result} />
      {plan ? (
        <p className="text-sm text-gray-600" data-testid="plan-meta">
          {t("sampling.stored", { at: plan.generatedAt.slice(0, 16).replace("T", " "), by: plan.generatedBy, seed: plan.seed })}
        </p>
      ) : (
        <p className="text-sm text-gray-600">{t("sampling.none")}</p>
      )}
      {canGenerate ? (
        <Form method="post">
          <input type="hidden" name="intent" value={plan ? "regenerate" : "generate"} />
          <button type="submit" disabled={busy} className="rounded-md border border-gray-300 bg-white px-3 py-1.5 text-sm">
            {plan ? t("sampling.regenerate") : t("sampling.generate")}
          </button>
        </Form>
      ) : null}
      {mine.length > 0 ? (
        <section className="rounded-lg bg-white p-4 shadow-sm">
          <h2 className="text-lg font-semibold">{t("sampling.myQueue", { n: mine.length })}</h2>
          <ul className="mt-2 text-sm" data-testid="my-sample-queue">
            {mine.map((p) => (
              <li key={p.contactId}>
                {p.contactId} · {p.agentCode} · {p.kind === "random" ? t("sampling.random") : t(`sampling.reason.${p.reason}`)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {plan ? (
        <table className="w-full rounded-lg bg-white text-left text-sm shadow-sm" data-testid="sample-plan">
          <thead>
            <tr className="text-gray-500">
              <th className="p-2">{t("table.agent")}</th>
              <th className="p-2">{t("sampling.quota")}</th>
              <th className="p-2">{t("sampling.randomPicks")}</th>
              <th className="p-2">{t("sampling.targeted")}</th>
            </tr>
          </thead>
          <tbody>
            {plan.agents.map((a) => (
              <tr key={a.agentCode} className="border-t border-gray-100 align-top">
                <td className="p-2">{a.agentCode}</td>
                <td className="p-2">{a.quota}</td>
                <td className="p-2 font-mono text-xs">{a.random.join(", ")}</td>
                <td className="p-2 text-xs">
                  {a.targeted.map((x) => (
                    <div key={x.contactId}>
                      <span className="font-mono">{x.contactId}</span> · {t(`sampling.reason.${x.reason}`)}
                    </div>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}

export const ErrorBoundary = DashboardErrorBoundary;
