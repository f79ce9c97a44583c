// How a run's result shows in the Test Explorer: each test's state and duration, its failure with
// expected/actual and where it happened, and which items are marked errored when a run could not
// finish (a deadline, a crash, a test file that does not load). Lines are 1-based here.
import type { DiscoveredTest } from '../../core/ports';
import type { TestCaseResult, TestRunResult } from '../../shared/testResults';

export interface MessageLocation {
  readonly file: string;
  readonly line: number;
  readonly column?: number;
}

export interface ReportMessage {
  readonly text: string;
  /** Both or neither: the editor shows them as a diff. */
  readonly expected?: string;
  readonly actual?: string;
  readonly location?: MessageLocation;
}

export type ErroredTarget = { readonly kind: 'test'; readonly test: DiscoveredTest } | { readonly kind: 'file'; readonly file: string };

export type ReportEntry =
  | { readonly state: 'passed'; readonly test: TestCaseResult }
  | { readonly state: 'skipped'; readonly test: TestCaseResult }
  | { readonly state: 'failed'; readonly test: TestCaseResult; readonly message: ReportMessage }
  | { readonly state: 'errored'; readonly target: ErroredTarget; readonly message: ReportMessage };

/** What a run was told and expected, to say what became of the tests it did not report. */
export interface RunExpectations {
  /** The tests shown as queued. */
  readonly tests: readonly DiscoveredTest[];
  /** The files the selection named. */
  readonly files: readonly string[];
  readonly timeout: RunTimeout;
}

export interface RunTimeout {
  readonly ms: number;
  /** The setting the limit came from, when it came from one. */
  readonly setting?: string;
}

export function reportEntries(result: TestRunResult, expected: RunExpectations): ReportEntry[] {
  const entries: ReportEntry[] = result.tests.map(testEntry);
  const fileErrors = new Set<string>();
  for (const error of result.errors) {
    if (error.file === undefined) continue;
    fileErrors.add(error.file);
    entries.push({ state: 'errored', target: { kind: 'file', file: error.file }, message: { text: error.message } });
  }
  const unfinished = unfinishedMessage(result, expected.timeout);
  if (unfinished === undefined) return entries;
  const reported = new Set(result.tests.map((test) => test.id));
  const filesReported = new Set([...result.tests.map((test) => test.file), ...fileErrors]);
  for (const test of expected.tests) {
    if (!reported.has(test.id) && !fileErrors.has(test.file)) entries.push({ state: 'errored', target: { kind: 'test', test }, message: { text: unfinished } });
  }
  // A file named by the selection that reported nothing and had nothing queued would otherwise end silently.
  const queuedFiles = new Set(expected.tests.map((test) => test.file));
  for (const file of new Set(expected.files)) {
    if (!filesReported.has(file) && !queuedFiles.has(file)) entries.push({ state: 'errored', target: { kind: 'file', file }, message: { text: unfinished } });
  }
  return entries;
}

export function timeoutMessage(timeout: RunTimeout): string {
  const seconds = Math.round(timeout.ms / 100) / 10;
  return `The test run took longer than ${seconds} s and was stopped${timeout.setting ? ` (the limit is the setting ${timeout.setting})` : ''}.`;
}

function testEntry(test: TestCaseResult): ReportEntry {
  if (test.status !== 'failed') return { state: test.status, test };
  const location = test.failureLocation ?? (test.line !== undefined ? { file: test.file, line: test.line } : undefined);
  const message: ReportMessage = {
    text: test.message ?? 'The test failed without a message.',
    ...(test.expected !== undefined && test.actual !== undefined && { expected: test.expected, actual: test.actual }),
    ...(location && { location }),
  };
  return { state: 'failed', test, message };
}

/** Why tests a run was expected to report are missing, when the run did not finish; a canceled run just ends. */
function unfinishedMessage(result: TestRunResult, timeout: RunTimeout): string | undefined {
  if (result.outcome === 'timed-out') return timeoutMessage(timeout);
  if (result.outcome !== 'error') return undefined;
  const runErrors = result.errors.filter((error) => error.file === undefined).map((error) => error.message);
  return runErrors.length > 0 ? runErrors.join('\n') : `${result.framework} stopped without reporting this test.`;
}
