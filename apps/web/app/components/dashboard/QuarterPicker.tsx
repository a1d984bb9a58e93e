import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { QuarterStateBadge } from "./Badges";
import type { QuarterOptionView } from "./types";

/** `?quarter=YYYY-Qn` selector (a plain GET form, works without JS) with each quarter's state. */
export function QuarterPicker({ quarters, selected }: { quarters: QuarterOptionView[]; selected: QuarterOptionView | null }) {
  const { t } = useTranslation("dashboard");
  if (quarters.length === 0) return null;
  return (
    <Form method="get" className="flex flex-wrap items-end gap-2" data-testid="quarter-picker">
      <label className="text-sm">
        <span className="block font-medium text-gray-700">{t("quarter.label")}</span>
        <select
          name="quarter"
          defaultValue={selected?.id}
          key={selected?.id}
          className="mt-1 rounded-md border-gray-300 py-1.5 text-sm shadow-sm focus:border-blue-500 focus:ring-blue-500"
        >
          {quarters.map((q) => (
            <option key={q.id} value={q.id}>
              {q.id} · {t(`quarter.state.${q.state}`)}
            </option>
          ))}
        </select>
      </label>
      <button
        type="submit"
        className="rounded-md bg-white px-3 py-1.5 text-sm font-medium text-gray-700 shadow-sm ring-1 ring-inset ring-gray-300 hover:bg-gray-50"
      >
        {t("quarter.show")}
      </button>
      {selected ? <QuarterStateBadge state={selected.state} /> : null}
    </Form>
  );
}
