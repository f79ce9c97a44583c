// The green gate, with the test-tamper guard's second half: no test that existed at red may vanish,
// be skipped or be renamed on the way to green. (The first half, refusing CodeBot's writes to tests,
// is CodeBot's write guard: noTestPaths in src/agents/testFiles.ts.) Passes count only when they
// can be trusted: a run the canary or the test-file lock found tampered with fails the gate.
import type { TestCaseResult, TestRunResult } from '../../shared/testResults';

export type GreenGateResult =
  | { readonly passed: true; readonly summary: string }
  | { readonly passed: false; readonly cause: 'run-not-completed' | 'run-untrusted' | 'tests-tampered' | 'tests-failing'; readonly reason: string; readonly failing: readonly TestCaseResult[] };

export interface GreenExpectations {
  /** The tests written at red: each must run and pass. */
  readonly redTests: readonly TestCaseResult[];
  /** The files they are in: each must hold a running test (red may have come from files that did not load, with no test ids known). */
  readonly redFiles: readonly string[];
  /** Tests that ran before the workflow wrote any: each must still run (not vanish, be renamed or be skipped). */
  readonly runningBefore?: ReadonlySet<string>;
  /** Tests that already failed before the workflow began: reported, but not the workflow's to fix. */
  readonly failingBefore?: ReadonlySet<string>;
}

/** Green passes when the run completed, every test that existed at red still runs, the red tests pass, and nothing new fails. */
export function greenGate(run: TestRunResult, expected: GreenExpectations): GreenGateResult {
  if (run.outcome !== 'completed') {
    return { passed: false, cause: 'run-not-completed', reason: `The test run did not complete (${run.outcome}).`, failing: [] };
  }
  if (run.untrusted?.length) {
    return { passed: false, cause: 'run-untrusted', reason: untrustedReason(run.untrusted), failing: [] };
  }
  const byId = new Map(run.tests.map((test) => [test.id, test]));
  const mustRun = [...new Set([...expected.redTests.map((test) => test.id), ...(expected.runningBefore ?? [])])];
  const missing = mustRun.filter((id) => !byId.has(id));
  const skipped = mustRun.filter((id) => byId.get(id)?.status === 'skipped');
  const emptyFiles = expected.redFiles.filter((file) => !run.tests.some((test) => test.file === file && test.status !== 'skipped'));
  if (missing.length + skipped.length + emptyFiles.length > 0) {
    const lines = [
      ...missing.map((id) => `- ${id} is missing (removed, renamed, or no longer run)`),
      ...skipped.map((id) => `- ${id} is skipped`),
      ...emptyFiles.map((file) => `- ${file} has no running tests`),
    ];
    return { passed: false, cause: 'tests-tampered', reason: `Every test that existed at red must still run:\n${lines.join('\n')}`, failing: [] };
  }
  const failingBefore = expected.failingBefore ?? new Set<string>();
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

/** Why the passes of a run count for nothing, for the agent and the report. */
export function untrustedReason(reasons: readonly string[]): string {
  return `The run's passes cannot be trusted:\n${reasons.map((reason) => `- ${reason}`).join('\n')}\nMake the tests pass through the code under test; never change the tests, the test framework or the assertion library.`;
}
