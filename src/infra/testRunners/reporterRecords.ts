// The records Imperium's own reporters (node:test, mocha, vitest) append to a file, one JSON object
// a line, and how they become results. Each reporter writes a line the moment a test finishes, so
// a run killed at its deadline still yields what it reported; a last line cut off by the kill is
// left out.
//
// The test process's environment does not name the file: each run's reporter is written with its
// destination and a random seal in its source, and every record carries the seal. A line without it
// (code under test that found the file and appended a "passed" record) is not counted, and makes
// the run untrusted; so does a test reported both failing and passing.
import type { TestCaseResult, TestFileError } from '../../shared/testResults';
import { clean, withoutStack } from './messageText';
import type { ReporterRecord } from './reportSchemas';
import type { ParsedReport } from './runResult';
import { newSeal, readSealedLines, sealedLines, unsealedReason } from './sealedLines';
import { failureLocationFromStack, workspaceLocation } from './stackLocation';
import { testId } from './testIds';
import type { WorkspacePaths } from './workspacePaths';

/** Where one run's reporter appends its records, and the seal each record carries. */
export interface RecordDestination {
  readonly file: string;
  readonly seal: string;
}

export function recordDestination(file: string): RecordDestination {
  return { file, seal: newSeal() };
}

/**
 * The reporter's first lines: `write` appends a sealed record. Given how the reporter names its own
 * file, it removes that file once loaded, so code the framework loads later cannot read the seal.
 */
export function reporterPreamble(destination: RecordDestination, ownFile?: string): string {
  return [
    `const destination = ${JSON.stringify(destination.file)};`,
    `const seal = ${JSON.stringify(destination.seal)};`,
    // Appended synchronously: a run killed at its deadline keeps every record written before.
    "const write = (record) => appendFileSync(destination, JSON.stringify({ ...record, seal }) + '\\n');",
    ...(ownFile ? [`try { unlinkSync(${ownFile}); } catch {}`] : []),
  ].join('\n');
}

/** Reads a records file; a missing file is a run that reported nothing. */
export async function readReporterRecords(destination: RecordDestination, paths: WorkspacePaths): Promise<ParsedReport> {
  const lines = await readSealedLines(destination.file, destination.seal);
  return lines.missing ? { tests: [], errors: [], finished: false } : await toReport(lines, paths);
}

export function recordsToReport(text: string, paths: WorkspacePaths, seal: string): Promise<ParsedReport> {
  return toReport(sealedLines(text, seal), paths);
}

async function toReport(lines: { readonly values: readonly unknown[]; readonly unsealed: number }, paths: WorkspacePaths): Promise<ParsedReport> {
  const { reporterRecordSchema } = await import('./reportSchemas');
  const tests: TestCaseResult[] = [];
  const errors: TestFileError[] = [];
  const reported: string[] = [];
  let finished = false;
  for (const value of lines.values) {
    const parsed = reporterRecordSchema.safeParse(value);
    if (!parsed.success) continue;
    const record = parsed.data;
    if (record.type === 'end') finished = true;
    else if (record.type === 'untrusted') reported.push(record.reason);
    else if (record.type === 'file-error') {
      const message = withoutStack(clean(record.message));
      errors.push(record.file ? { file: paths.display(record.file), message } : { message });
    } else tests.push(toTestResult(record, paths));
  }
  const untrusted = [...(lines.unsealed > 0 ? [unsealedReason(lines.unsealed, 'the test records', "Imperium's reporter")] : []), ...conflictingRecords(tests), ...reported];
  return { tests, errors, finished, ...(untrusted.length > 0 && { untrusted }) };
}

/** A test (one id at one line) the records show both failing and passing: a record was added after the fact. */
function conflictingRecords(tests: readonly TestCaseResult[]): string[] {
  const statuses = new Map<string, Set<string>>();
  for (const test of tests) {
    const key = `${test.id}\u0000${test.line ?? ''}`;
    const seen = statuses.get(key) ?? new Set<string>();
    seen.add(test.status);
    statuses.set(key, seen);
  }
  return [...statuses]
    .filter(([, seen]) => seen.has('failed') && seen.has('passed'))
    .map(([key]) => `the test ${key.split('\u0000')[0]} was reported both failing and passing in one run`);
}

function toTestResult(record: Extract<ReporterRecord, { type: 'test' }>, paths: WorkspacePaths): TestCaseResult {
  const file = paths.display(record.file);
  const error = record.status === 'failed' ? record.error : undefined;
  const location = error?.location
    ? workspaceLocation(error.location.file, error.location.line, error.location.column, paths)
    : failureLocationFromStack(error?.stack, paths);
  return {
    id: testId(file, record.suite, record.name),
    name: record.name,
    suite: record.suite,
    file,
    ...(record.line !== undefined ? { line: record.line } : {}),
    status: record.status,
    ...(record.durationMs !== undefined ? { durationMs: Math.round(record.durationMs * 1000) / 1000 } : {}),
    ...(error ? { message: clean(error.message) } : record.status === 'failed' ? { message: 'The test failed without an error message.' } : {}),
    ...(error?.expected !== undefined ? { expected: clean(error.expected) } : {}),
    ...(error?.actual !== undefined ? { actual: clean(error.actual) } : {}),
    ...(location ? { failureLocation: location } : {}),
  };
}

