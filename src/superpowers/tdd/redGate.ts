// The red gate: TestBot's new tests must fail, and fail for the right reason. Enforced by the engine
// on the structured results, not asked of the model.
import type { TestCaseResult, TestRunResult } from '../../shared/testResults';
import { failureCause } from './failureCause';

export interface RedGateInput {
  /** The run after TestBot wrote its tests. */
  readonly run: TestRunResult;
  /** The test files TestBot created or changed in this phase (workspace-relative). */
  readonly testFiles: readonly string[];
  /** Python packages or modules of the project, so `No module named x` is read as missing code. */
  readonly projectModules?: readonly string[];
  /** Ids of the tests that existed before TestBot wrote any: they are not new, whatever file they are in. */
  readonly existingTestIds?: ReadonlySet<string>;
}

export type RedGateResult =
  | {
      readonly passed: true;
      /** The new tests, all failing; empty when the new files fail to load for want of the implementation. */
      readonly redTests: readonly TestCaseResult[];
      readonly summary: string;
    }
  | {
      readonly passed: false;
      readonly cause: 'run-not-completed' | 'run-untrusted' | 'no-new-tests' | 'broken-test' | 'new-tests-pass';
      /** Written for TestBot: what is wrong and what to do. */
      readonly reason: string;
    };

export function redGate({ run, testFiles, projectModules = [], existingTestIds = new Set() }: RedGateInput): RedGateResult {
  if (run.outcome !== 'completed') {
    return { passed: false, cause: 'run-not-completed', reason: `The test run did not complete (${run.outcome}). Make the tests finish quickly and deterministically.` };
  }
  if (run.untrusted?.length) {
    return { passed: false, cause: 'run-untrusted', reason: `The run cannot be trusted:\n${run.untrusted.map((reason) => `- ${reason}`).join('\n')}\nTests must not change files they test, the test framework or the assertion library.` };
  }
  const files = new Set(testFiles);
  const fileErrors = run.errors.filter((error) => error.file !== undefined && files.has(error.file));
  const broken = fileErrors.filter((error) => failureCause(error.message, projectModules) === 'broken-test');
  if (broken.length > 0) {
    return {
      passed: false,
      cause: 'broken-test',
      reason: `These test files do not run, which is the wrong reason to be red:\n${broken.map((e) => `- ${e.file}: ${firstLines(e.message)}`).join('\n')}\nFix the test files; the tests must load and fail on an assertion or on the missing behaviour.`,
    };
  }

  const newTests = run.tests.filter((test) => files.has(test.file) && !existingTestIds.has(test.id));
  if (newTests.length === 0) {
    if (fileErrors.length > 0) {
      return { passed: true, redTests: [], summary: `the new test files fail to load because the implementation is missing: ${fileErrors.map((e) => e.file).join(', ')}` };
    }
    return { passed: false, cause: 'no-new-tests', reason: `No tests were found in ${testFiles.join(', ') || 'any new test file'}. Write tests the project's test command picks up.` };
  }

  const wrongReason = newTests.filter((test) => test.status === 'failed' && failureCause(test.message ?? '', projectModules) === 'broken-test');
  if (wrongReason.length > 0) {
    return {
      passed: false,
      cause: 'broken-test',
      reason: `These tests fail for the wrong reason (the test itself is broken):\n${wrongReason.map((t) => `- ${t.id}: ${firstLines(t.message ?? '')}`).join('\n')}`,
    };
  }

  const notFailing = newTests.filter((test) => test.status !== 'failed');
  if (notFailing.length > 0) {
    return {
      passed: false,
      cause: 'new-tests-pass',
      reason: `Every new test must fail before the implementation exists, but these ${notFailing.length === 1 ? 'does' : 'do'} not:\n${notFailing.map((t) => `- ${t.id} (${t.status})`).join('\n')}\nTest behaviour that is not there yet, and do not skip tests.`,
    };
  }
  return { passed: true, redTests: newTests, summary: `${newTests.length} new test${newTests.length === 1 ? '' : 's'} fail for the right reason` };
}

/** The error's own line first (a Node syntax error starts with the location and a caret), then what follows. */
function firstLines(text: string, count = 3): string {
  const lines = text.split('\n').map((line) => line.trim()).filter(Boolean);
  const errorLine = lines.findIndex((line) => /\b\w*(Error|Exception)\b/.test(line));
  const ordered = errorLine > 0 ? [lines[errorLine], ...lines.slice(0, errorLine), ...lines.slice(errorLine + 1)] : lines;
  return ordered.slice(0, count).join(' ').slice(0, 400);
}
