// The tests that passed before a workflow changed anything: each must still pass at green. The green
// gate already refuses a run where they fail; this names them as what they are, regressions, so the
// agent is told which behaviour it broke.
import type { TestCaseResult, TestRunResult } from '../../shared/testResults';

export function passedTests(run: TestRunResult): string[] {
  return run.tests.filter((test) => test.status === 'passed').map((test) => test.id);
}

/** The tests of the baseline that do not pass in this run (failed, skipped, or gone), in the baseline's order. */
export function regressions(run: TestRunResult, passedBefore: readonly string[]): { readonly id: string; readonly now: TestCaseResult['status'] | 'missing' }[] {
  const byId = new Map(run.tests.map((test) => [test.id, test]));
  return passedBefore.flatMap((id) => {
    const now = byId.get(id)?.status ?? 'missing';
    return now === 'passed' ? [] : [{ id, now }];
  });
}

/** For an agent: which tests it broke, or undefined when none. */
export function regressionNote(broken: ReturnType<typeof regressions>): string | undefined {
  if (broken.length === 0) return undefined;
  const shown = broken.slice(0, 10).map((test) => `- ${test.id} (${test.now})`);
  const more = broken.length > shown.length ? `\n- and ${broken.length - shown.length} more` : '';
  return `These tests passed before the workflow began and do not pass now; whatever you change, they must keep passing:\n${shown.join('\n')}${more}`;
}
