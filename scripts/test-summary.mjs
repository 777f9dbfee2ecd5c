// Prints one closing line over all runners: "Tests: N passed, N failed, N skipped".
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

const [dir, ...failedSteps] = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of readdirSync(dir).filter((name) => name.endsWith(".json"))) {
  const report = JSON.parse(readFileSync(join(dir, file), "utf8"));
  if ("numPassedTests" in report) {
    // Vitest
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    skipped += report.numPendingTests + (report.numTodoTests ?? 0);
    console.log(`${file.replace(".json", "")}: ${report.numPassedTests} passed, ${report.numFailedTests} failed`);
  } else if (report.stats) {
    // Playwright
    passed += report.stats.expected;
    failed += report.stats.unexpected + (report.stats.flaky ?? 0);
    skipped += report.stats.skipped;
    console.log(`${file.replace(".json", "")}: ${report.stats.expected} passed, ${report.stats.unexpected} failed`);
  }
}
// A step without a test report (typecheck, lint, build, a runner that crashed) counts as one failure.
const unreported = failedSteps.filter((step) => !/tests/i.test(step) || failed === 0);
for (const step of failedSteps) console.log(`failed step: ${step}`);
failed += unreported.length;
console.log(`Tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || failedSteps.length > 0 ? 1 : 0);
