// The feature workflow as data: plan, the Board on the plan, red, green, refactor, the Board on the
// change. The gates are the step handlers' code (featureSteps.ts), not requests to a model.
import type { Board } from '../../core/board/boardReview';
import type { WorkflowUndo } from '../../core/journal/journalEntry';
import type { WorkflowDefinitionInput } from '../../core/orchestrator/workflowDefinition';
import type { Logger, ModelClient, TestRunner, Workspace } from '../../core/ports';
import type { FeatureMemory } from './featureMemory';

export interface FeatureLimits {
  /** TestBot's tries at tests that fail for the right reason. */
  readonly redAttempts: number;
  /** CodeBot's tries at making the tests pass, per visit to green. */
  readonly greenAttempts: number;
  /** Model calls per agent run. */
  readonly agentSteps: number;
  /** A test run that takes longer is killed and counts as not completed. */
  readonly testTimeoutMs: number;
  /** Tokens of memory (what the workflow established, learned patterns) packed into an agent's task. */
  readonly memoryTokens: number;
}

export const DEFAULT_FEATURE_LIMITS: FeatureLimits = { redAttempts: 3, greenAttempts: 4, agentSteps: 30, testTimeoutMs: 120_000, memoryTokens: 1_500 };

export interface FeatureDependencies {
  readonly model: ModelClient;
  readonly workspace: Workspace;
  readonly undo: WorkflowUndo;
  readonly tests: TestRunner;
  readonly board: Board;
  readonly memory: FeatureMemory;
  readonly limits: FeatureLimits;
  readonly logger: Logger;
}

/** The input a feature workflow starts from. */
export interface FeatureRequest {
  readonly request: string;
}

const request = '${workflow.input.request}';
const criteria = '${plan.output.criteria}';

// The engine's retry is kept for a process that dies mid-step: recovery counts the orphaned attempt
// and runs the step again. Every failure an attempt reports is the healing ladder's (featureSteps.ts),
// whose end is final, so the engine never runs a step's whole climb twice.
const retry = { retryCount: 1, retryDelayMs: 1000 };

export const FEATURE_WORKFLOW: WorkflowDefinitionInput = {
  name: 'feature',
  version: 1,
  steps: [
    { name: 'plan', handler: 'tdd.plan', inputs: { request, feedback: '${planReview.output.reasons}' }, retry },
    { name: 'planReview', handler: 'tdd.planReview', inputs: { request, criteria, tasks: '${plan.output.tasks}' }, retry, goto: { targets: ['plan'], maxJumps: 1 } },
    { name: 'red', handler: 'tdd.red', inputs: { request, criteria }, retry },
    { name: 'green', handler: 'tdd.green', inputs: { request, criteria, red: '${red.output}', findings: '${review.output.findings}' }, retry },
    { name: 'refactor', handler: 'tdd.refactor', inputs: { request, red: '${red.output}' }, retry },
    { name: 'review', handler: 'tdd.review', inputs: { request, criteria, red: '${red.output}', green: '${green.output}' }, retry, goto: { targets: ['green'], maxJumps: 2 } },
  ],
};

/** The phases a person sees, and which steps belong to each. */
export const FEATURE_PHASES = [
  { phase: 'plan', steps: ['plan', 'planReview'] },
  { phase: 'red', steps: ['red'] },
  { phase: 'green', steps: ['green'] },
  { phase: 'refactor', steps: ['refactor'] },
  { phase: 'review', steps: ['review'] },
] as const;

export type FeaturePhase = (typeof FEATURE_PHASES)[number]['phase'];
