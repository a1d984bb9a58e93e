import { NavLink } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** Sub-navigation of the QA module for HR and QA leads. */
export function QaNav() {
  const { t } = useTranslation("qa");
  const links = [
    { to: "/qa", label: t("nav.workspace") },
    { to: "/qa/forms", label: t("nav.forms") },
    { to: "/qa/sampling", label: t("nav.sampling") },
    { to: "/qa/reports", label: t("nav.reports") },
  ];
  return (
    <nav aria-label={t("nav.label")} className="mt-2 flex flex-wrap gap-4 text-sm">
      {links.map((l) => (
        <NavLink key={l.to} to={l.to} end className={({ isActive }) => (isActive ? "font-semibold text-blue-700" : "text-gray-600 hover:text-gray-900")}>
          {l.label}
        </NavLink>
      ))}
    </nav>
  );
}
