#!/usr/bin/env node
// Prints the one closing line CI reads: "N passed, N failed", from Vitest's JSON report.
import { existsSync, readFileSync } from "node:fs";

const report = "test-results/vitest.json";
const testStatus = Number(process.argv[2] ?? "0");
if (!existsSync(report)) {
  // The suite never ran (install, typecheck or build failed): count that as one failure.
  console.log(`0 passed, ${testStatus === 0 ? 0 : 1} failed`);
} else {
  const r = JSON.parse(readFileSync(report, "utf8"));
  const failed = r.numFailedTests + (testStatus !== 0 && r.numFailedTests === 0 ? 1 : 0);
  console.log(`${r.numPassedTests} passed, ${failed} failed`);
}
