// The gate in front of long-term memory: a workflow's lessons are kept only when its final test run
// passed and the Board approved its change; the evidence becomes the memory's provenance.
import type { TestRunResult } from '../../shared/testResults';
import type { BoardDecision } from '../board/boardPolicy';
import type { MemoryProvenance } from './memoryRecord';

/** What a finished workflow offers as proof that its lessons are worth keeping. */
export interface WorkflowEvidence {
  readonly workflowId: string;
  readonly request: string;
  /** The workflow's last run of the relevant tests. */
  readonly finalTests: TestRunResult;
  /** The Board's aggregated decision on the change. */
  readonly board: BoardDecision;
  /** Workspace-relative files the workflow changed. */
  readonly files: readonly string[];
}

export class PromotionRefusedError extends Error {
  override readonly name = 'PromotionRefusedError';
}

/** Provenance for memories learned from the workflow; throws PromotionRefusedError saying why it does not qualify. */
export function provenanceOf(evidence: WorkflowEvidence, promotedAt: number): MemoryProvenance {
  const problems = disqualifications(evidence);
  if (problems.length > 0) {
    throw new PromotionRefusedError(`Nothing from workflow ${evidence.workflowId} is kept in long-term memory: ${problems.join('; ')}.`);
  }
  return {
    workflowId: evidence.workflowId,
    request: evidence.request.split('\n')[0].trim().slice(0, 300),
    files: [...new Set(evidence.files)].sort(),
    tests: evidence.finalTests.tests.filter((test) => test.status === 'passed').map((test) => test.id),
    boardReasons: [...evidence.board.reasons],
    promotedAt,
  };
}

function disqualifications(evidence: WorkflowEvidence): string[] {
  const { finalTests: tests, board } = evidence;
  const problems: string[] = [];
  if (tests.outcome !== 'completed') problems.push(`its final test run did not complete (${tests.outcome})`);
  if (tests.summary.failed > 0) problems.push(`${tests.summary.failed} test(s) failed in its final run`);
  if (tests.errors.length > 0) problems.push(`its final run reported ${tests.errors.length} error(s) outside the tests`);
  if (tests.summary.passed === 0) problems.push('no test passed in its final run');
  if (board.outcome !== 'approved') problems.push(`the Board did not approve it (${board.outcome})`);
  return problems;
}
