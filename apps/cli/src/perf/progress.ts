/**
 * Progress on stderr for long commands, without touching their stdout contract: shown only
 * when stderr is a terminal (one line redrawn in place) or when asked with --progress (one
 * plain line at most every second, for logs). Throttled, so it costs nothing measurable.
 */
export interface ProgressReporter {
  update(text: string): void;
  /** Clears the in-place line (terminal) so the final output starts on a clean line. */
  done(): void;
}

export function progressReporter(
  forced: boolean,
  stream: { isTTY?: boolean; write(text: string): unknown } = process.stderr,
  now: () => number = Date.now,
): ProgressReporter {
  const tty = stream.isTTY === true;
  if (!tty && !forced) return { update() {}, done() {} };
  const intervalMs = tty ? 200 : 1000;
  let last = -Infinity;
  let shown = false;
  return {
    update(text) {
      const t = now();
      if (t - last < intervalMs) return;
      last = t;
      shown = true;
      stream.write(tty ? `\r\u001b[K${text}` : `${text}\n`);
    },
    done() {
      if (tty && shown) stream.write("\r\u001b[K");
    },
  };
}
