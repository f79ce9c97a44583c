// A test run the engine makes itself (not an agent's): reported as test-run events, failures
// summarised for the next agent, and kept in a step's output in a compact form.
import type { TestRunner, TestSelection } from '../../core/ports';
import type { StepContext } from '../../core/orchestrator/stepHandler';
import type { TestCaseResult, TestRunResult } from '../../shared/testResults';

/** The failures a test-run event carries for the views; the summary counts them all. */
const MAX_REPORTED_FAILURES = 20;

export async function runSuite(
  tests: TestRunner,
  context: StepContext,
  label: string,
  options: { readonly selection?: TestSelection; readonly timeoutMs: number },
): Promise<TestRunResult> {
  context.emit({ type: 'test-run', label, state: 'started' });
  const origin = { workflowId: context.workflowId, taskId: context.taskId, agent: 'engine' as const };
  const run = await tests.run(options.selection ?? {}, { label, timeoutMs: options.timeoutMs, signal: context.signal, origin });
  const failures = run.tests.filter((test) => test.status === 'failed').slice(0, MAX_REPORTED_FAILURES);
  context.emit({ type: 'test-run', label, state: 'finished', outcome: run.outcome, summary: run.summary, ...(failures.length > 0 && { failures }), ...(run.confinement && { confinement: run.confinement }) });
  // A run cut short because the attempt was stopped says nothing about the code: nothing may act on it.
  context.signal.throwIfAborted();
  return run;
}

/** A test as kept in step outputs (JSON, small): enough to find it again and to say why it failed. */
export interface TestRef {
  readonly id: string;
  readonly name: string;
  readonly file: string;
  readonly status: TestCaseResult['status'];
  readonly message?: string;
}

export function testRef(test: TestCaseResult): TestRef {
  return { id: test.id, name: test.name, file: test.file, status: test.status, ...(test.message !== undefined && { message: test.message.slice(0, 2000) }) };
}

/** "1 attempt", "3 attempts". */
export function attempts(count: number): string {
  return `${count} attempt${count === 1 ? '' : 's'}`;
}

/** Reads TestRefs back into the shape the gates take. */
export function asTestResults(refs: readonly TestRef[]): TestCaseResult[] {
  return refs.map((ref) => ({ ...ref, suite: [] }));
}
