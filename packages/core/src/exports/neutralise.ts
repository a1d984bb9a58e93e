/** Characters that make a spreadsheet treat a text cell as a formula (or inject one). */
const FORMULA_TRIGGERS = new Set(["=", "+", "-", "@", "\t", "\r"]);

/**
 * A cell for a CSV export: numbers stay numbers (written unquoted, so Excel sums them);
 * text that starts with = + - @, a tab or a carriage return gets a leading apostrophe so
 * the spreadsheet shows it as text instead of evaluating it (CSV/formula injection).
 */
export function neutraliseCell(value: string | number | null): string | number | null {
  if (typeof value !== "string" || value.length === 0) return value;
  return FORMULA_TRIGGERS.has(value[0]!) ? `'${value}` : value;
}
