import { type ChangeEvent, useCallback, useState } from "react";
import { useTranslation } from "react-i18next";

/**
 * Counts the data rows of the CSV file picked in the browser (its non-empty lines minus the
 * header), so the upload can say how much it is importing while the server works. A count
 * from lines: a quoted cell with a line break makes it a slight over-estimate, hence "≈".
 */
export function useCsvRowCount(): { rows: number | null; onFileChange: (event: ChangeEvent<HTMLInputElement>) => void } {
  const [rows, setRows] = useState<number | null>(null);
  const onFileChange = useCallback((event: ChangeEvent<HTMLInputElement>) => {
    const file = event.currentTarget.files?.[0];
    setRows(null);
    if (!file) return;
    void countDataRows(file).then(setRows, () => setRows(null));
  }, []);
  return { rows, onFileChange };
}

async function countDataRows(file: Blob): Promise<number> {
  const reader = file.stream().getReader();
  let lines = 0;
  let lineHasContent = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    for (let i = 0; i < value.length; i++) {
      const byte = value[i]!;
      if (byte === 0x0a || byte === 0x0d) {
        if (lineHasContent) lines++;
        lineHasContent = false;
      } else if (byte !== 0x20 && byte !== 0x09 && byte !== 0x2c) {
        lineHasContent = true;
      }
    }
  }
  if (lineHasContent) lines++;
  return Math.max(0, lines - 1);
}

/** "Importing ≈ 12,345 rows…" while the upload is being processed (a live region). */
export function ImportProgressNote({ busy, rows }: { busy: boolean; rows: number | null }) {
  const { t, i18n } = useTranslation("perf");
  return (
    <p role="status" aria-live="polite" data-testid="import-progress" className="min-h-5 text-sm text-gray-600">
      {busy
        ? rows === null
          ? t("import.importing")
          : t("import.importingRows", { rows: new Intl.NumberFormat(i18n.language).format(rows) })
        : rows !== null
          ? t("import.fileRows", { rows: new Intl.NumberFormat(i18n.language).format(rows) })
          : ""}
    </p>
  );
}
