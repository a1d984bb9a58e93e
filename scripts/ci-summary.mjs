#!/usr/bin/env node
// Prints the one closing line CI reads: "N passed, N failed", from Vitest's JSON reports
// (`npm test` runs two phases, units then e2e, each writing test-results/vitest-<phase>.json).
import { existsSync, readdirSync, readFileSync } from "node:fs";

const dir = "test-results";
const testStatus = Number(process.argv[2] ?? "0");
const reports = existsSync(dir) ? readdirSync(dir).filter((f) => /^vitest.*\.json$/.test(f)) : [];
if (reports.length === 0) {
  // The suite never ran (install, typecheck or build failed): count that as one failure.
  console.log(`0 passed, ${testStatus === 0 ? 0 : 1} failed`);
} else {
  let passed = 0;
  let failed = 0;
  for (const file of reports) {
    const r = JSON.parse(readFileSync(`${dir}/${file}`, "utf8"));
    passed += r.numPassedTests;
    failed += r.numFailedTests;
  }
  // A non-zero status with no failed test (a phase that did not start, a crash) still fails CI.
  if (testStatus !== 0 && failed === 0) failed = 1;
  console.log(`${passed} passed, ${failed} failed`);
}
