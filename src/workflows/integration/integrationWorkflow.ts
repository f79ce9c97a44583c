// The integration workflow as data, contract-first: red (contract tests written from the API
// description for the operations the request needs, shown to fail), green (IntegrationBot wires a
// generated typed client into the code until they pass against the mock), review (the Board).
import type { Board } from '../../core/board/boardReview';
import type { IntegrationTools } from '../../core/integration/integrationTools';
import type { WorkflowUndo } from '../../core/journal/journalEntry';
import type { WorkflowDefinitionInput } from '../../core/orchestrator/workflowDefinition';
import type { Logger, ModelClient, TestRunner, Workspace } from '../../core/ports';
import type { WorkflowLimits } from '../../shared/workflowLimits';
import type { WorkflowPhaseInfo } from '../../shared/workflowPhase';

export interface IntegrationDependencies {
  readonly model: ModelClient;
  readonly workspace: Workspace;
  readonly undo: WorkflowUndo;
  readonly tests: TestRunner;
  readonly board: Board;
  readonly integration: IntegrationTools;
  readonly limits: WorkflowLimits;
  readonly logger: Logger;
}

const request = '${workflow.input.request}';
const retry = { retryCount: 1, retryDelayMs: 1000 };

export const INTEGRATION_WORKFLOW: WorkflowDefinitionInput = {
  name: 'integration',
  version: 1,
  steps: [
    { name: 'red', handler: 'integration.red', inputs: { request, spec: '${workflow.input.spec}', module: '${workflow.input.module}' }, retry },
    { name: 'green', handler: 'integration.green', inputs: { request, red: '${red.output}', findings: '${review.output.findings}' }, retry },
    { name: 'review', handler: 'integration.review', inputs: { request, red: '${red.output}', green: '${green.output}' }, retry, goto: { targets: ['green'], maxJumps: 1 } },
  ],
};

export const INTEGRATION_PHASES: readonly WorkflowPhaseInfo[] = [
  { id: 'red', title: 'Contract tests (red)', steps: ['red'] },
  { id: 'green', title: 'Generated client (green)', steps: ['green'] },
  { id: 'review', title: 'Review', steps: ['review'] },
];
