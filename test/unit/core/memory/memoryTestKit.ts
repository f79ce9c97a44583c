// Shared by the memory tests: memory folders on the real JsonStore in temp folders, the real clock,
// a recording logger, and the store's issues collected as the host would hear them.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MemoryFolder } from '../../../../src/core/memory/memoryFolder';
import type { WorkflowEvidence } from '../../../../src/core/memory/promotion';
import { SystemClock } from '../../../../src/core/orchestrator/systemClock';
import { StoreLockedError } from '../../../../src/infra/store/fileLock';
import { JsonStore } from '../../../../src/infra/store/jsonStore';
import type { StoreIssue } from '../../../../src/infra/store/storeIssue';
import type { TestRunResult } from '../../../../src/shared/testResults';
import { RecordingLogger } from '../../infra/store/storeTestKit';

export const clock = new SystemClock();

/** A memory folder on the real store, as the host builds it; its issues go to `issues`. */
export function memoryFolder(path: string, issues: StoreIssue[] = [], logger = new RecordingLogger()): MemoryFolder {
  return {
    open: () => JsonStore.open({ folder: path, logger, debounceMs: 0, onIssue: (issue) => issues.push(issue) }),
    isHeldElsewhere: (error) => error instanceof StoreLockedError,
  };
}

/** Temp folders for a suite, removed after each test. */
export function useTempFolders(prefix: string): { make(): Promise<string> } {
  const made: string[] = [];
  afterEach(async () => {
    await Promise.all(made.splice(0).map((path) => rm(path, { recursive: true, force: true })));
  });
  return {
    async make() {
      const path = await mkdtemp(join(tmpdir(), `imperium-${prefix}-`));
      made.push(path);
      return path;
    },
  };
}

export function passingRun(testIds: readonly string[] = ['test/a.test.ts::adds']): TestRunResult {
  return {
    framework: 'mocha',
    outcome: 'completed',
    tests: testIds.map((id) => ({ id, name: id.split('::')[1] ?? id, suite: [], file: id.split('::')[0] ?? id, status: 'passed' as const })),
    errors: [],
    summary: { passed: testIds.length, failed: 0, skipped: 0, total: testIds.length },
    durationMs: 10,
    output: '',
  };
}

export function evidence(overrides: Partial<WorkflowEvidence> = {}): WorkflowEvidence {
  return {
    workflowId: 'wf-7',
    request: 'Add a date parser\nwith ISO support',
    finalTests: passingRun(),
    board: { outcome: 'approved', reasons: ['3 of 3 members approved'] },
    files: ['src/date.ts', 'test/date.test.ts', 'src/date.ts'],
    ...overrides,
  };
}
