// Reads the report of `jest --json --outputFile=<file> --testLocationInResults`.
import { readFile } from 'node:fs/promises';
import { inspect } from 'node:util';
import type { TestCaseResult, TestFileError, TestStatus } from '../../shared/testResults';
import { clean, withoutStack } from './messageText';
import type { ParsedReport } from './runResult';
import { failureLocationFromStack } from './stackLocation';
import { testId } from './testIds';
import type { JestAssertion } from './reportSchemas';
import type { WorkspacePaths } from './workspacePaths';

/** Reads the report file; a missing or unreadable one is a run that reported nothing. */
export async function readJestReport(file: string, paths: WorkspacePaths): Promise<ParsedReport> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return { tests: [], errors: [], finished: false };
  }
  return jestReportToResults(text, paths);
}

export async function jestReportToResults(text: string, paths: WorkspacePaths): Promise<ParsedReport> {
  const { jestReportSchema, jestMatcherFailureSchema } = await import('./reportSchemas');
  let parsed;
  try {
    parsed = jestReportSchema.safeParse(JSON.parse(text));
  } catch {
    return { tests: [], errors: [{ message: 'jest wrote a report that is not JSON.' }], finished: false };
  }
  if (!parsed.success) return { tests: [], errors: [{ message: `jest wrote a report of an unknown shape: ${parsed.error.message}` }], finished: false };
  const tests: TestCaseResult[] = [];
  const errors: TestFileError[] = [];
  for (const fileResult of parsed.data.testResults) {
    const file = paths.display(fileResult.name);
    for (const assertion of fileResult.assertionResults) tests.push(toTestResult(file, assertion, paths, jestMatcherFailureSchema));
    // A file whose tests did not fail but that failed all the same did not load (or failed outside its tests).
    if (fileResult.status === 'failed' && !fileResult.assertionResults.some((assertion) => assertion.status === 'failed')) {
      errors.push({ file, message: withoutStack(clean(fileResult.message ?? 'The test file failed to run.')).replace(/^\s*● Test suite failed to run\s*/, '') });
    }
  }
  return { tests, errors, finished: true };
}

function toTestResult(file: string, assertion: JestAssertion, paths: WorkspacePaths, matcherFailureSchema: typeof import('./reportSchemas').jestMatcherFailureSchema): TestCaseResult {
  const status = statusOf(assertion.status);
  const failure = status === 'failed' ? assertion.failureMessages?.[0] : undefined;
  const matcher = matcherFailureSchema.safeParse(assertion.failureDetails?.[0]);
  const location = failureLocationFromStack(failure, paths);
  return {
    id: testId(file, assertion.ancestorTitles, assertion.title),
    name: assertion.title,
    suite: assertion.ancestorTitles,
    file,
    ...(assertion.location ? { line: assertion.location.line } : {}),
    status,
    ...(assertion.duration != null ? { durationMs: assertion.duration } : {}),
    ...(status === 'failed' ? { message: failure === undefined ? 'The test failed without an error message.' : messageOf(failure) } : {}),
    ...(status === 'failed' && matcher.success
      ? { expected: inspect(matcher.data.matcherResult.expected, { depth: 6 }), actual: inspect(matcher.data.matcherResult.actual, { depth: 6 }) }
      : {}),
    ...(location ? { failureLocation: location } : {}),
  };
}

function statusOf(status: string): TestStatus {
  if (status === 'passed' || status === 'focused') return 'passed';
  if (status === 'failed') return 'failed';
  // pending, skipped, todo, disabled
  return 'skipped';
}

/** A failure message without its stack, and without the "Error: " jest puts before expect()'s messages. */
function messageOf(failure: string): string {
  return withoutStack(clean(failure)).replace(/^Error: (?=expect\()/, '');
}
