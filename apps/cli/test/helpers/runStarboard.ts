import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

/** The real `starboard` bin, as a user runs it after `npm install`. */
export const STARBOARD_BIN = fileURLToPath(new URL("../../../../node_modules/.bin/starboard", import.meta.url));

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the CLI as a child process without blocking the test worker's event loop (a
 * synchronous spawn starves Vitest's worker RPC on a loaded machine).
 */
export function runStarboard(args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<CliRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(STARBOARD_BIN, [...args], { cwd: options.cwd, env: options.env });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (status) => resolvePromise({ status, stdout, stderr }));
  });
}
