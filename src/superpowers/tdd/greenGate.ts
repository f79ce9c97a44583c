// The green gate, with the test-tamper guard's second half: no test that was red may vanish, be
// skipped or be renamed on the way to green. (The first half, refusing CodeBot's writes to tests,
// is CodeBot's write guard: noTestPaths in src/agents/testFiles.ts.)
import type { TestCaseResult, TestRunResult } from '../../shared/testResults';

export type GreenGateResult =
  | { readonly passed: true; readonly summary: string }
  | { readonly passed: false; readonly cause: 'run-not-completed' | 'tests-tampered' | 'tests-failing'; readonly reason: string; readonly failing: readonly TestCaseResult[] };

/**
 * Green passes when the run completed, every red test is present and passed, and nothing failed.
 * `redTests` are the tests that were red; `redFiles` the files they live in (for red states where
 * the files did not load, so no test ids were known yet).
 */
export function greenGate(
  run: TestRunResult,
  redTests: readonly TestCaseResult[],
  redFiles: readonly string[],
  /** Tests that already failed before the workflow began: reported, but not the workflow's to fix. */
  failingBefore: ReadonlySet<string> = new Set(),
): GreenGateResult {
  if (run.outcome !== 'completed') {
    return { passed: false, cause: 'run-not-completed', reason: `The test run did not complete (${run.outcome}).`, failing: [] };
  }
  const byId = new Map(run.tests.map((test) => [test.id, test]));
  const missing = redTests.filter((test) => !byId.has(test.id));
  const skipped = redTests.filter((test) => byId.get(test.id)?.status === 'skipped');
  const emptyFiles = redFiles.filter((file) => !run.tests.some((test) => test.file === file && test.status !== 'skipped'));
  if (missing.length + skipped.length + emptyFiles.length > 0) {
    const lines = [
      ...missing.map((t) => `- ${t.id} is missing (removed or renamed)`),
      ...skipped.map((t) => `- ${t.id} is skipped`),
      ...emptyFiles.map((file) => `- ${file} has no running tests`),
    ];
    return { passed: false, cause: 'tests-tampered', reason: `The tests that were red must still run:\n${lines.join('\n')}`, failing: [] };
  }
  const failing = run.tests.filter((test) => test.status === 'failed' && !failingBefore.has(test.id));
  if (failing.length > 0 || run.errors.length > 0) {
    return {
      passed: false,
      cause: 'tests-failing',
      reason: `${failing.length} test${failing.length === 1 ? '' : 's'} failing${run.errors.length ? `, ${run.errors.length} file error(s)` : ''}`,
      failing,
    };
  }
  return { passed: true, summary: `${run.summary.passed} passed, ${run.summary.skipped} skipped` };
}
