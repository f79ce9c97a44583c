// The design workflow as data: red (the UI request as deterministic browser checks, shown to
// fail), green (DesignBot changes markup and styles until they pass), review (before and after
// screenshots, what axe could not decide goes to a person, then the Board). The gates are code.
import type { Board } from '../../core/board/boardReview';
import type { WorkflowUndo } from '../../core/journal/journalEntry';
import type { WorkflowDefinitionInput } from '../../core/orchestrator/workflowDefinition';
import type { Approvals, Logger, ModelClient, TestRunner, Workspace } from '../../core/ports';
import type { PageInspector } from '../../superpowers/design/pageInspector';
import type { WorkflowPhaseInfo } from '../../shared/workflowPhase';
import type { WorkflowLimits } from '../../shared/workflowLimits';

export interface DesignDependencies {
  readonly model: ModelClient;
  readonly workspace: Workspace;
  readonly undo: WorkflowUndo;
  readonly tests: TestRunner;
  readonly board: Board;
  readonly pages: PageInspector;
  /** Who answers the approval card for what axe could not decide; without one, those items are reported. */
  readonly approvals?: Approvals;
  readonly limits: WorkflowLimits;
  readonly logger: Logger;
  /** Screenshots of failed checks go to the Product Owner as advice; the checks stay the gate. */
  readonly modelSeesImages?: boolean;
}

const request = '${workflow.input.request}';
const retry = { retryCount: 1, retryDelayMs: 1000 };

export const DESIGN_WORKFLOW: WorkflowDefinitionInput = {
  name: 'design',
  version: 1,
  steps: [
    { name: 'red', handler: 'design.red', inputs: { request, pages: '${workflow.input.pages}' }, retry },
    { name: 'green', handler: 'design.green', inputs: { request, red: '${red.output}', findings: '${review.output.findings}' }, retry },
    { name: 'review', handler: 'design.review', inputs: { request, red: '${red.output}', green: '${green.output}' }, retry, goto: { targets: ['green'], maxJumps: 1 } },
  ],
};

export const DESIGN_PHASES: readonly WorkflowPhaseInfo[] = [
  { id: 'red', title: 'Red', steps: ['red'] },
  { id: 'green', title: 'Green', steps: ['green'] },
  { id: 'review', title: 'Review', steps: ['review'] },
];
