// `npm test`: lint, type-check, unit tests, integration tests in a real VS Code, the Conductor suites, in that order.
// Every step runs even when an earlier one failed, so one run shows everything that is wrong; the
// last line sums every suite's tests for CI: `tests: N passed, M failed`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const steps = [
  { name: 'lint', command: 'npm run --silent lint' },
  { name: 'type-check', command: 'npm run --silent typecheck' },
  { name: 'unit', command: 'npm run --silent test:unit', counted: true },
  { name: 'integration', command: 'npm run --silent test:integration', counted: true },
  // Against a real conductor-oss server the suite starts itself (Java 21+, the jar from Maven Central).
  { name: 'conductor', command: 'npm run --silent test:conductor', counted: true },
];

const resultsDir = mkdtempSync(join(tmpdir(), 'imperium-test-results-'));
const totals = { passed: 0, failed: 0, skipped: 0 };
const report = [];
let ok = true;

for (const step of steps) {
  console.log(`\n=== ${step.name}: ${step.command}`);
  const resultsFile = join(resultsDir, `${step.name}.json`);
  const started = Date.now();
  const { status, signal } = spawnSync(step.command, {
    shell: true,
    stdio: 'inherit',
    env: { ...process.env, IMPERIUM_RESULTS_FILE: resultsFile },
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const succeeded = status === 0;
  ok &&= succeeded;
  let counts = '';
  if (step.counted) {
    const result = readCounts(resultsFile);
    // A suite that died before reporting counts as one failure, so the total never hides it.
    if (!result) totals.failed += 1;
    else {
      totals.passed += result.passed;
      totals.failed += result.failed;
      totals.skipped += result.skipped ?? 0;
      if (!succeeded && result.failed === 0) totals.failed += 1;
    }
    counts = result ? `${result.passed} passed, ${result.failed} failed` : 'no results reported';
  }
  const verdict = succeeded ? 'ok' : `FAILED (${signal ?? `exit ${status}`})`;
  report.push(`${step.name.padEnd(12)} ${verdict.padEnd(18)} ${seconds.padStart(6)} s  ${counts}`);
}

rmSync(resultsDir, { recursive: true, force: true });
const closing = `tests: ${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`;
if (process.env.IMPERIUM_SUMMARY_FILE) writeFileSync(process.env.IMPERIUM_SUMMARY_FILE, `${closing}\n`);
console.log(`\n${report.join('\n')}\n\n${closing}`);
process.exit(ok ? 0 : 1);

function readCounts(file) {
  if (!existsSync(file)) return undefined;
  try {
    const counts = JSON.parse(readFileSync(file, 'utf8'));
    return Number.isInteger(counts.passed) && Number.isInteger(counts.failed) ? counts : undefined;
  } catch {
    return undefined;
  }
}
