// The latest result of each test in one folder, from any run, the user's or an agent's: what the
// "Make this pass with agents" lens shows above failing tests. Paths are workspace-relative.
import type { DiscoveredTest } from '../../core/ports';
import type { TestCaseResult } from '../../shared/testResults';

export interface FailingTestRecord {
  readonly testId: string;
  readonly name: string;
  /** 1-based line of the test's declaration. */
  readonly line: number;
  readonly message: string;
}

export class LatestTestResults {
  private readonly latest = new Map<string, TestCaseResult>();

  /** Keeps each test's newest result; true when a failing test appeared, changed or recovered. */
  record(tests: readonly TestCaseResult[]): boolean {
    let changed = false;
    for (const test of tests) {
      if (test.status === 'failed' || this.latest.get(test.id)?.status === 'failed') changed = true;
      this.latest.set(test.id, test);
    }
    return changed;
  }

  /**
   * Follows a complete discovery: tests it no longer lists are forgotten (deleted or renamed), and
   * the others move to the lines it found. True when a failing test went or moved.
   */
  reconcile(discovered: readonly DiscoveredTest[]): boolean {
    const lines = new Map(discovered.map((test) => [test.id, test.line]));
    let changed = false;
    for (const [id, test] of this.latest) {
      if (!lines.has(id)) {
        this.latest.delete(id);
        changed ||= test.status === 'failed';
        continue;
      }
      const line = lines.get(id);
      if (line !== undefined && line !== test.line) {
        this.latest.set(id, { ...test, line });
        changed ||= test.status === 'failed';
      }
    }
    return changed;
  }

  /** The failing tests of a file, by line; a test whose line no runner reported has no place to show and is left out. */
  failing(file: string): FailingTestRecord[] {
    const records: FailingTestRecord[] = [];
    for (const test of this.latest.values()) {
      if (test.file !== file || test.status !== 'failed') continue;
      const line = test.line ?? (test.failureLocation?.file === file ? test.failureLocation.line : undefined);
      if (line !== undefined) records.push({ testId: test.id, name: test.name, line, message: test.message ?? 'The test failed without a message.' });
    }
    return records.sort((a, b) => a.line - b.line);
  }
}
