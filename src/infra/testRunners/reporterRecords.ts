// The records Imperium's own reporters (node:test, mocha, vitest) append to a file, one JSON object
// a line, and how they become results. Each reporter writes a line the moment a test finishes, so
// a run killed at its deadline still yields what it reported; a last line cut off by the kill is
// left out.
//
// The test process's environment does not name the file: each run's reporter is written with its
// destination and a random seal in its source, and every record carries the seal. A line without it
// (code under test that found the file and appended a "passed" record) is not counted, and makes
// the run untrusted; so does a test reported both failing and passing.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { TestCaseResult, TestFileError } from '../../shared/testResults';
import { clean, withoutStack } from './messageText';
import type { ParsedReport } from './runResult';
import { failureLocationFromStack, workspaceLocation } from './stackLocation';
import { testId } from './testIds';
import type { ReporterRecord } from './reportSchemas';
import type { WorkspacePaths } from './workspacePaths';

/** Where one run's reporter appends its records, and the seal each record carries. */
export interface RecordDestination {
  readonly file: string;
  readonly seal: string;
}

export function recordDestination(file: string): RecordDestination {
  return { file, seal: randomBytes(24).toString('hex') };
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
  let text: string;
  try {
    text = await readFile(destination.file, 'utf8');
  } catch {
    return { tests: [], errors: [], finished: false };
  }
  return recordsToReport(text, paths, destination.seal);
}

export async function recordsToReport(text: string, paths: WorkspacePaths, seal: string): Promise<ParsedReport> {
  const { reporterRecordSchema } = await import('./reportSchemas');
  const tests: TestCaseResult[] = [];
  const errors: TestFileError[] = [];
  let finished = false;
  let unsealed = 0;
  for (const line of text.split('\n')) {
    const parsed = parseRecord(line, seal, reporterRecordSchema);
    if (parsed === 'unsealed') unsealed += 1;
    if (parsed === undefined || parsed === 'unsealed') continue;
    const record = parsed;
    if (record.type === 'end') finished = true;
    else if (record.type === 'file-error') {
      const message = withoutStack(clean(record.message));
      errors.push(record.file ? { file: paths.display(record.file), message } : { message });
    } else tests.push(toTestResult(record, paths));
  }
  const untrusted = [
    ...(unsealed > 0 ? [`${unsealed} line${unsealed === 1 ? '' : 's'} in the test records ${unsealed === 1 ? 'was' : 'were'} not written by Imperium's reporter (code in the test process wrote to the records file) and ${unsealed === 1 ? 'was' : 'were'} not counted`] : []),
    ...conflictingRecords(tests),
  ];
  return { tests, errors, finished, ...(untrusted.length > 0 && { untrusted }) };
}

/** A line that is a JSON object but lacks this run's seal is 'unsealed'; one that is not JSON (a last line cut off by a kill) is left out. */
function parseRecord(line: string, seal: string, schema: typeof import('./reportSchemas').reporterRecordSchema): ReporterRecord | 'unsealed' | undefined {
  if (line.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || (value as { seal?: unknown }).seal !== seal) return 'unsealed';
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
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

