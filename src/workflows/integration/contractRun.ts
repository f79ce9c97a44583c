// Runs the contract tests and says, a line each, what fails: the red step needs them failing, the
// green gate needs them passing. The run is the engine's own (a named run in the Test Explorer,
// test-run events for the views, files it writes journalled under the workflow, a timeout).
import type { StepContext } from '../../core/orchestrator/stepHandler';
import type { TestRunner } from '../../core/ports';
import type { TestRunResult } from '../../shared/testResults';
import { runSuite } from '../../superpowers/tdd/suiteRun';

export interface ContractRun {
  readonly result: TestRunResult;
  readonly passed: boolean;
  readonly failing: string[];
}

const MAX_MESSAGE = 300;

export async function runContractTests(tests: TestRunner, context: StepContext, label: string, testFile: string, timeoutMs: number): Promise<ContractRun> {
  const result = await runSuite(tests, context, `${context.workflowId} ${label}`, { selection: { files: [testFile] }, timeoutMs });
  const own = result.tests.filter((test) => test.file === testFile);
  const failing = [
    ...own.filter((test) => test.status !== 'passed').map((test) => `${test.name}: ${(test.message ?? test.status).split('\n')[0]?.slice(0, MAX_MESSAGE)}`),
    ...result.errors.map((error) => `${error.file ?? testFile}: ${error.message.split('\n')[0]?.slice(0, MAX_MESSAGE)}`),
  ];
  const passed = result.outcome === 'completed' && own.length > 0 && failing.length === 0 && (result.untrusted ?? []).length === 0;
  if (result.outcome !== 'completed') failing.push(`the test run ${result.outcome}`);
  for (const reason of result.untrusted ?? []) failing.push(`the run cannot be trusted: ${reason}`);
  return { result, passed, failing };
}
