import { readFileSync } from "node:fs";

/**
 * CPU seconds used so far by the calling thread (user + system), from /proc on Linux;
 * undefined elsewhere. On a machine shared with other work, wall-clock times swing with the
 * load; the calling thread's CPU time shows what the work itself cost.
 */
export function threadCpuSec(): number | undefined {
  try {
    const fields = readFileSync("/proc/thread-self/stat", "utf8").split(") ")[1]!.split(" ");
    // Fields 14 and 15 of stat(5) (utime, stime), counted after "pid (comm) ".
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}
