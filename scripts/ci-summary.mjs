#!/usr/bin/env node
// Prints CI's closing line, "N passed, N failed", from vitest's JSON reports.
// A check that is not a test (install, typecheck, lint) counts as one failure,
// and so does a report that is missing. Exits non-zero on any failure.
import { readFileSync } from "node:fs";

const [failedSteps = "0", ...reports] = process.argv.slice(2);
let passed = 0;
let failed = Number(failedSteps);

for (const file of reports) {
  let report;
  try {
    report = JSON.parse(readFileSync(file, "utf8"));
  } catch {
    console.error(`no test report at ${file}`);
    failed += 1;
    continue;
  }
  passed += report.numPassedTests ?? 0;
  failed += report.numFailedTests ?? 0;
  // A file that fails to load has no tests but still fails the run.
  for (const suite of report.testResults ?? []) {
    if (suite.status === "failed" && (suite.assertionResults ?? []).length === 0) failed += 1;
  }
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
