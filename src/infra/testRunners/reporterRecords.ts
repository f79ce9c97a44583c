// The records Imperium's own reporters (node:test, mocha, vitest) append to a file, one JSON object
// a line, and how they become results. Each reporter writes a line the moment a test finishes, so
// a run killed at its deadline still yields what it reported; a last line cut off by the kill is
// left out.
import { readFile } from 'node:fs/promises';
import { z } from 'zod/mini';
import type { TestCaseResult, TestFileError } from '../../shared/testResults';
import { clean, withoutStack } from './messageText';
import type { ParsedReport } from './runResult';
import { failureLocationFromStack, workspaceLocation } from './stackLocation';
import { testId } from './testIds';
import type { WorkspacePaths } from './workspacePaths';

/** The environment variable that tells a reporter where to append its records. */
export const RECORDS_ENV = 'IMPERIUM_TEST_RECORDS';

const failureSchema = z.object({
  message: z.string(),
  stack: z.optional(z.string()),
  expected: z.optional(z.string()),
  actual: z.optional(z.string()),
  location: z.optional(z.object({ file: z.string(), line: z.number(), column: z.optional(z.number()) })),
});

const recordSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('test'),
    file: z.string(),
    suite: z.array(z.string()),
    name: z.string(),
    line: z.optional(z.number()),
    status: z.enum(['passed', 'failed', 'skipped']),
    durationMs: z.optional(z.number()),
    error: z.optional(failureSchema),
  }),
  z.object({ type: z.literal('file-error'), file: z.optional(z.string()), message: z.string() }),
  z.object({ type: z.literal('end') }),
]);

type ReporterRecord = z.infer<typeof recordSchema>;

/** Reads a records file; a missing file is a run that reported nothing. */
export async function readReporterRecords(file: string, paths: WorkspacePaths): Promise<ParsedReport> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return { tests: [], errors: [], finished: false };
  }
  return recordsToReport(text, paths);
}

export function recordsToReport(text: string, paths: WorkspacePaths): ParsedReport {
  const tests: TestCaseResult[] = [];
  const errors: TestFileError[] = [];
  let finished = false;
  for (const line of text.split('\n')) {
    const record = parseRecord(line);
    if (!record) continue;
    if (record.type === 'end') finished = true;
    else if (record.type === 'file-error') {
      const message = withoutStack(clean(record.message));
      errors.push(record.file ? { file: paths.display(record.file), message } : { message });
    } else tests.push(toTestResult(record, paths));
  }
  return { tests, errors, finished };
}

function parseRecord(line: string): ReporterRecord | undefined {
  if (line.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  const parsed = recordSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
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

