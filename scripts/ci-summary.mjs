// Prints the plain line CI reads, "N passed, N failed[, N skipped]", from vitest's JSON report and,
// when given, the notebook runner's summary (scripts/run-notebooks.mjs), where each notebook counts
// as one test. A missing or unreadable report counts as one failure.
//
//   node scripts/ci-summary.mjs [test-artifacts/vitest.json] [test-artifacts/notebooks.json]
import { readFileSync } from 'node:fs';

const [vitestPath = 'test-artifacts/vitest.json', notebooksPath] = process.argv.slice(2);

/** Reads a JSON report, or returns null after saying why. */
function read(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    console.log(`could not read ${path}: ${err.message}`);
    return null;
  }
}

const counts = { passed: 0, failed: 0, skipped: 0 };
const parts = [];

const report = read(vitestPath);
if (report === null) {
  counts.failed += 1;
  parts.push('tests: report missing');
} else {
  const passed = report.numPassedTests ?? 0;
  // a test file that fails to load counts as a failure even though it has no test results
  const failedSuites = (report.testResults ?? []).filter((s) => s.status === 'failed' && (s.assertionResults ?? []).length === 0).length;
  const failed = (report.numFailedTests ?? 0) + failedSuites;
  const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  if (passed === 0) counts.failed += 1; // a run that executed no test is a failure
  counts.passed += passed;
  counts.failed += failed;
  counts.skipped += skipped;
  parts.push(`tests ${passed} passed, ${failed} failed`);
}

if (notebooksPath !== undefined) {
  const nb = read(notebooksPath);
  if (nb === null || typeof nb.passed !== 'number' || typeof nb.failed !== 'number') {
    counts.failed += 1;
    parts.push('notebooks: summary missing');
  } else {
    counts.passed += nb.passed;
    counts.failed += nb.failed;
    const failedNames = (nb.notebooks ?? []).filter((n) => n.status !== 'passed').map((n) => n.name);
    parts.push(`notebooks ${nb.passed} passed, ${nb.failed} failed${failedNames.length ? ` (${failedNames.join(', ')})` : ''}`);
  }
}

console.log(`summary: ${parts.join('; ')}`);
console.log(`${counts.passed} passed, ${counts.failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ''}`);
process.exit(counts.failed > 0 ? 1 : 0);
