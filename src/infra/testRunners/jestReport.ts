// Reads jest's results in the shape of its JSON report (`jest --json --testLocationInResults`), as
// Imperium's reporter (jestReporterSource.ts) records them, one sealed record per test file.
import { inspect } from 'node:util';
import type { TestCaseResult, TestFileError, TestStatus } from '../../shared/testResults';
import { clean, withoutStack } from './messageText';
import type { RecordDestination } from './reporterRecords';
import type { JestAssertion } from './reportSchemas';
import type { ParsedReport } from './runResult';
import { readSealedLines, unsealedReason } from './sealedLines';
import { failureLocationFromStack } from './stackLocation';
import { testId } from './testIds';
import type { WorkspacePaths } from './workspacePaths';

/** Reads the reporter's records; a missing file is a run that reported nothing. */
export async function readJestRecords(destination: RecordDestination, paths: WorkspacePaths): Promise<ParsedReport> {
  const lines = await readSealedLines(destination.file, destination.seal);
  if (lines.missing) return { tests: [], errors: [], finished: false };
  const report = await jestResultsToReport({ testResults: lines.values.filter((value) => value.type === 'file') }, paths);
  const finished = report.finished && lines.values.some((value) => value.type === 'end');
  return { ...report, finished, ...(lines.unsealed > 0 && { untrusted: [unsealedReason(lines.unsealed, 'the jest records', "Imperium's reporter")] }) };
}

/** Results in the shape of `jest --json`'s report. */
export async function jestResultsToReport(value: unknown, paths: WorkspacePaths): Promise<ParsedReport> {
  const { jestReportSchema, jestMatcherFailureSchema } = await import('./reportSchemas');
  const parsed = jestReportSchema.safeParse(value);
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

function toTestResult(file: string, assertion: JestAssertion, paths: WorkspacePaths, matcherFailure: typeof import('./reportSchemas').jestMatcherFailureSchema): TestCaseResult {
  const status = statusOf(assertion.status);
  const failure = status === 'failed' ? assertion.failureMessages?.[0] : undefined;
  const matcher = matcherFailure.safeParse(assertion.failureDetails?.[0]);
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
