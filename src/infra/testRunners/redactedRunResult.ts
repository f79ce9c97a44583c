// A run's result with every secret in what the tests printed or asserted withheld (see
// secretRedaction.ts): a test that reads a key and puts it in its assertion message must not carry it
// into the next prompt, the event log or the Test Explorer.
import { redactSecrets } from '../../core/board/secretRedaction';
import { prepareSecurityChecks } from '../../core/board/securityChecks';
import { secretValuesOf } from '../../core/secretNames';
import type { TestCaseResult, TestRunResult } from '../../shared/testResults';

export async function redactedRunResult(result: TestRunResult, knownValues: readonly string[] = secretValuesOf(process.env)): Promise<TestRunResult> {
  const clean = async (text: string | undefined): Promise<string | undefined> => (text === undefined ? undefined : (await redactSecrets(text, knownValues)).text);
  const tests = await Promise.all(
    result.tests.map(async (test): Promise<TestCaseResult> => {
      if (test.message === undefined && test.expected === undefined && test.actual === undefined) return test;
      const [message, expected, actual] = await Promise.all([clean(test.message), clean(test.expected), clean(test.actual)]);
      return { ...test, ...(message !== undefined && { message }), ...(expected !== undefined && { expected }), ...(actual !== undefined && { actual }) };
    }),
  );
  const errors = await Promise.all(result.errors.map(async (error) => ({ ...error, message: (await clean(error.message)) ?? '' })));
  return { ...result, tests, errors, output: (await clean(result.output)) ?? '' };
}

/** Loads the secret scanner now, while a test process runs, rather than after it (its failure, if any, shows in redactedRunResult). */
export function prepareRedaction(): void {
  prepareSecurityChecks().catch(() => undefined);
}
