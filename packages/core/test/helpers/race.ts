import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { CsvImportKind } from "../../src/index.ts";

export type RaceOp =
  | { op: "score"; quarter: string }
  | { op: "lock"; quarter: string }
  | { op: "reopen"; quarter: string; reason: string }
  | { op: "import"; kind: CsvImportKind; fileName: string; csv: string };

export type RaceOutcome =
  | { ok: true; at: string }
  | { ok: false; code: string; problems?: string[]; message?: string };

const WORKER = fileURLToPath(new URL("./raceWorker.ts", import.meta.url));
/** The package root: `--import tsx` resolves from the working directory. */
const PACKAGE_DIR = fileURLToPath(new URL("../..", import.meta.url));

interface Racer {
  child: ChildProcess;
  lines: string[];
  waiters: Array<() => void>;
  stderr: string;
}

function waitForLine(racer: Racer, predicate: (line: string) => boolean, what: string, timeoutMs = 60_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`race worker: no ${what} within ${timeoutMs} ms\n${racer.stderr}`)), timeoutMs);
    const check = () => {
      const found = racer.lines.find(predicate);
      if (found !== undefined) {
        clearTimeout(timer);
        resolve(found);
        return true;
      }
      if (racer.child.exitCode !== null) {
        clearTimeout(timer);
        reject(new Error(`race worker exited (${racer.child.exitCode}) before ${what}\n${racer.stderr}`));
        return true;
      }
      return false;
    };
    if (!check()) {
      const waiter = () => {
        if (!check()) racer.waiters.push(waiter);
      };
      racer.waiters.push(waiter);
    }
  });
}

export interface Race {
  /** Releases every contender at once; resolves when each has started its operation. */
  go(): Promise<void>;
  /** Every contender's outcome, in the order of `ops`. */
  outcomes(): Promise<RaceOutcome[]>;
  /** Kills contenders still running (after a failed test). */
  kill(): void;
}

/**
 * Starts one process per operation against the database in `env`, waits until every one has
 * its connection open, and returns a starting gun: `go()` releases them together, so their
 * transactions truly overlap (separate connections; on Postgres separate pools).
 */
export async function prepareRace(env: Record<string, string>, ops: RaceOp[]): Promise<Race> {
  const racers: Racer[] = ops.map((op) => {
    const child = spawn(process.execPath, ["--import", "tsx", WORKER, JSON.stringify(op)], {
      cwd: PACKAGE_DIR,
      env: { ...process.env, ...env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    const racer: Racer = { child, lines: [], waiters: [], stderr: "" };
    let buffered = "";
    const wake = () => {
      const waiters = racer.waiters.splice(0);
      for (const w of waiters) w();
    };
    child.stdout!.on("data", (chunk: Buffer) => {
      buffered += chunk.toString("utf8");
      const parts = buffered.split("\n");
      buffered = parts.pop() ?? "";
      racer.lines.push(...parts.filter((l) => l !== ""));
      wake();
    });
    child.stderr!.on("data", (chunk: Buffer) => (racer.stderr += chunk.toString("utf8")));
    child.on("exit", wake);
    return racer;
  });
  try {
    await Promise.all(racers.map((r) => waitForLine(r, (l) => l === "ready", '"ready"')));
  } catch (error) {
    for (const r of racers) r.child.kill("SIGKILL");
    throw error;
  }
  return {
    async go() {
      for (const r of racers) r.child.stdin!.write("go\n");
      await Promise.all(racers.map((r) => waitForLine(r, (l) => l === "started", '"started"')));
    },
    async outcomes() {
      return Promise.all(
        racers.map(async (r) => JSON.parse(await waitForLine(r, (l) => l.startsWith("{"), "outcome")) as RaceOutcome),
      );
    },
    kill() {
      for (const r of racers) if (r.child.exitCode === null) r.child.kill("SIGKILL");
    },
  };
}
