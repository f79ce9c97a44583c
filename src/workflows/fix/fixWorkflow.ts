// The fix workflow as data: red (the tests that already fail, gated), green, refactor, the Board on
// the change. It starts from failing tests, so it has no plan: the tests are the criteria.
import type { WorkflowDefinitionInput } from '../../core/orchestrator/workflowDefinition';
import type { WorkflowPhaseInfo } from '../../shared/workflowPhase';
import type { ModuleOutline } from '../workflowModule';
import type { FixTargetsInput } from './testSelection';

/** The input a fix workflow starts from. No targets: every failing test of the folder. */
export interface FixRequest {
  readonly request: string;
  readonly targets?: FixTargetsInput;
}

/** The request when a person names no other. */
export const DEFAULT_FIX_REQUEST = 'Make the failing tests pass.';

const request = '${workflow.input.request}';
const red = '${red.output}';

// As in feature: the engine's retry is for a process that dies mid-step; every failure an attempt
// reports is the healing ladder's, whose end is final.
const retry = { retryCount: 1, retryDelayMs: 1000 };

export const FIX_WORKFLOW: WorkflowDefinitionInput = {
  name: 'fix',
  version: 1,
  steps: [
    { name: 'red', handler: 'fix.red', inputs: { request, targets: '${workflow.input.targets}' }, retry },
    { name: 'green', handler: 'fix.green', inputs: { request, red, findings: '${review.output.findings}' }, retry },
    { name: 'refactor', handler: 'fix.refactor', inputs: { request, red }, retry },
    { name: 'review', handler: 'fix.review', inputs: { request, criteria: '${red.output.criteria}', red, green: '${green.output}' }, retry, goto: { targets: ['green'], maxJumps: 2 } },
  ],
};

/** The phases a person sees, and which steps belong to each. */
export const FIX_PHASES: readonly WorkflowPhaseInfo[] = [
  { id: 'red', title: 'Red: the failing tests', steps: ['red'] },
  { id: 'green', title: 'Green', steps: ['green'] },
  { id: 'refactor', title: 'Refactor', steps: ['refactor'] },
  { id: 'review', title: 'Review', steps: ['review'] },
];

export const FIX_OUTLINE: ModuleOutline = { id: 'fix', title: 'Fix failing tests', phases: FIX_PHASES };
