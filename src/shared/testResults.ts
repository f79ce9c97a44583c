// Structured test results: what every framework runner produces, what agents read back, what the
// Test Explorer and the dashboard show. Paths are workspace-relative with '/' separators.

export const TEST_FRAMEWORKS = ['node-test', 'mocha', 'jest', 'vitest', 'pytest'] as const;
export type TestFramework = (typeof TEST_FRAMEWORKS)[number];

export type TestStatus = 'passed' | 'failed' | 'skipped';

export interface TestCaseResult {
  /** Stable across runs: `<file>::<suite names and title joined by ' > '>`. */
  readonly id: string;
  /** The test's own title. */
  readonly name: string;
  /** Suite names, outermost first. */
  readonly suite: readonly string[];
  readonly file: string;
  /** 1-based line of the test's declaration, where the framework reports it. */
  readonly line?: number;
  readonly status: TestStatus;
  readonly durationMs?: number;
  /** The failure message (first line is the assertion's message). */
  readonly message?: string;
  readonly expected?: string;
  readonly actual?: string;
  /** Where the failure happened (1-based), when the stack says so. */
  readonly failureLocation?: { readonly file: string; readonly line: number; readonly column?: number };
}

/** A failure that is not one test's: a test file that does not load, a crashed runner. */
export interface TestFileError {
  readonly file?: string;
  readonly message: string;
}

export interface TestSummary {
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
  readonly total: number;
}

export type TestRunOutcome = 'completed' | 'timed-out' | 'canceled' | 'error';

export interface TestRunResult {
  readonly framework: TestFramework;
  readonly outcome: TestRunOutcome;
  readonly tests: readonly TestCaseResult[];
  readonly errors: readonly TestFileError[];
  readonly summary: TestSummary;
  readonly durationMs: number;
  /** The runner's own output (stdout and stderr), capped. */
  readonly output: string;
  /** How the test process was confined; absent where the launcher does not say (a debug session). */
  readonly confinement?: RunConfinement;
  /** Why the passes of this run cannot be trusted (a replaced assertion library, test files changed during the run); empty or absent when nothing was found. */
  readonly untrusted?: readonly string[];
}

/** What confined a test process, in words a person reads in the report. */
export interface RunConfinement {
  readonly confined: boolean;
  readonly by?: 'bubblewrap';
  /** The process could reach the network. */
  readonly network: boolean;
  /** One line: "confined by bubblewrap: ..." or "not confined: ...". */
  readonly note: string;
}

export function summarize(tests: readonly TestCaseResult[]): TestSummary {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const test of tests) {
    if (test.status === 'passed') passed++;
    else if (test.status === 'failed') failed++;
    else skipped++;
  }
  return { passed, failed, skipped, total: tests.length };
}
