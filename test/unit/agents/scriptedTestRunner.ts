// Test double for the TestRunner port: returns the scripted results in turn and records each run.
import type { TestRunOptions, TestRunner, TestSelection } from '../../../src/core/ports';
import { summarize, type TestCaseResult, type TestRunResult } from '../../../src/shared/testResults';

export class ScriptedTestRunner implements TestRunner {
  readonly runs: { selection: TestSelection; options?: TestRunOptions }[] = [];
  private next = 0;

  constructor(private readonly results: readonly TestRunResult[]) {}

  async detect() {
    return ['mocha' as const];
  }

  async discover() {
    return [];
  }

  async run(selection: TestSelection, options?: TestRunOptions): Promise<TestRunResult> {
    this.runs.push({ selection, options });
    return this.results[Math.min(this.next++, this.results.length - 1)];
  }
}

export function testRun(tests: TestCaseResult[], extra: Partial<TestRunResult> = {}): TestRunResult {
  return { framework: 'mocha', outcome: 'completed', tests, errors: [], summary: summarize(tests), durationMs: 42, output: '', ...extra };
}
