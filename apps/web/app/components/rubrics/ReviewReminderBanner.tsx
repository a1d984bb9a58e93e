import { Link } from "@remix-run/react";
import type { ReviewReminder } from "@starboard/kpi";
import { useTranslation } from "react-i18next";

/** HR dashboard notice: the semiannual rubric review of the current half is due or overdue. */
export function ReviewReminderBanner({ reminder }: { reminder: ReviewReminder }) {
  const { t } = useTranslation("rubrics");
  if (reminder.state === "done") return null;
  const overdue = reminder.state === "overdue";
  return (
    <p
      role="status"
      data-testid="review-reminder"
      data-state={reminder.state}
      className={`rounded-md p-3 text-sm ${overdue ? "bg-rose-50 text-rose-800" : "bg-amber-50 text-amber-800"}`}
    >
      {t(overdue ? "reminder.overdue" : "reminder.due", { half: reminder.half, quarter: reminder.dueBy })}{" "}
      <Link to="/hr/rubrics" className="font-medium underline">
        {t("reminder.open")}
      </Link>
    </p>
  );
}
