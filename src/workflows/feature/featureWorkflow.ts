// The feature workflow as data: plan, the Board on the plan, red, green, refactor, the Board on the
// change. The gates are the step handlers' code (featureSteps.ts), not requests to a model.
import type { WorkflowDefinitionInput } from '../../core/orchestrator/workflowDefinition';
import type { WorkflowPhaseInfo } from '../../shared/workflowPhase';
import type { ModuleOutline } from '../workflowModule';

const request = '${workflow.input.request}';
const criteria = '${plan.output.criteria}';
const tasks = '${plan.output.tasks}';

// The engine's retry is kept for a process that dies mid-step: recovery counts the orphaned attempt
// and runs the step again. Every failure an attempt reports is the healing ladder's (featureSteps.ts),
// whose end is final, so the engine never runs a step's whole climb twice.
const retry = { retryCount: 1, retryDelayMs: 1000 };

export const FEATURE_WORKFLOW: WorkflowDefinitionInput = {
  name: 'feature',
  version: 1,
  steps: [
    { name: 'plan', handler: 'tdd.plan', inputs: { request, feedback: '${planReview.output.reasons}' }, retry },
    { name: 'planReview', handler: 'tdd.planReview', inputs: { request, criteria, tasks }, retry, goto: { targets: ['plan'], maxJumps: 1 } },
    { name: 'red', handler: 'tdd.red', inputs: { request, criteria, tasks }, retry },
    { name: 'green', handler: 'tdd.green', inputs: { request, criteria, tasks, red: '${red.output}', findings: '${review.output.findings}' }, retry },
    { name: 'refactor', handler: 'tdd.refactor', inputs: { request, red: '${red.output}' }, retry },
    { name: 'review', handler: 'tdd.review', inputs: { request, criteria, red: '${red.output}', green: '${green.output}' }, retry, goto: { targets: ['green'], maxJumps: 2 } },
  ],
};

/** The phases a person sees, and which steps belong to each. */
export const FEATURE_PHASES: readonly WorkflowPhaseInfo[] = [
  { id: 'plan', title: 'Plan', steps: ['plan', 'planReview'], tone: 'planning' },
  { id: 'red', title: 'Red', steps: ['red'], tone: 'failing' },
  { id: 'green', title: 'Green', steps: ['green'], tone: 'passing' },
  { id: 'refactor', title: 'Refactor', steps: ['refactor'], tone: 'changing' },
  { id: 'review', title: 'Review', steps: ['review'], tone: 'reviewing' },
];

export const FEATURE_OUTLINE: ModuleOutline = { id: 'feature', title: 'Feature (test-first)', phases: FEATURE_PHASES };
