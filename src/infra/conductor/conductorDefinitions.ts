// A workflow definition as Conductor metadata: one task definition per step (its retry count, delay
// and logic, its response and total timeouts), given inline on the step's SIMPLE task, and one
// workflow definition whose SIMPLE tasks carry the step's inputs in Conductor's own
// `${ref.output.path}` syntax. Every step of a workflow shares one task type (the task definition
// registered under it holds the defaults), so one poller per workflow serves all its steps and the
// server's update-v2 answer hands the worker the next step at once, without a poll in between. A step that may send the
// workflow back becomes a DO_WHILE loop from its target to itself, looping while the step's output
// names that target. The JSON is what a Conductor user writes by hand, so the server's UI shows it.
import type { StepDefinition, WorkflowDefinition } from '../../core/orchestrator/workflowDefinition';

/** The output key a step's `goto` travels in, so the loop condition can read it. */
export const GOTO_OUTPUT_KEY = 'imperiumGoto';
export const DEFAULT_NAME_PREFIX = 'imperium';
/**
 * How long Conductor waits for a word from the worker before it takes the task back. Workers
 * heartbeat at 80 % of it (lease extension), so only a dead or cut-off worker reaches it.
 */
export const DEFAULT_RESPONSE_TIMEOUT_SECONDS = 30;
export const OWNER_EMAIL = 'imperium-flow@localhost';

export interface ConductorTaskDef {
  readonly name: string;
  readonly description: string;
  readonly ownerEmail: string;
  readonly retryCount: number;
  readonly retryLogic: 'FIXED' | 'EXPONENTIAL_BACKOFF';
  readonly retryDelaySeconds: number;
  readonly timeoutPolicy: 'RETRY';
  /** 0: no limit on the whole task. */
  readonly timeoutSeconds: number;
  readonly responseTimeoutSeconds: number;
  readonly inputKeys: readonly string[];
}

export interface ConductorSimpleTask {
  readonly name: string;
  readonly taskReferenceName: string;
  readonly type: 'SIMPLE';
  readonly inputParameters: Record<string, unknown>;
  /** This step's retries and timeouts, over the shared task type's registered defaults. */
  readonly taskDefinition: ConductorTaskDef;
}

export interface ConductorLoopTask {
  readonly name: string;
  readonly taskReferenceName: string;
  readonly type: 'DO_WHILE';
  readonly inputParameters: Record<string, unknown>;
  readonly loopCondition: string;
  readonly loopOver: readonly ConductorWorkflowTask[];
}

export type ConductorWorkflowTask = ConductorSimpleTask | ConductorLoopTask;

/** A workflow definition as the server takes it; `Tasks` and `Restartable` are what differ between ours. */
export interface ConductorWorkflowDefOf<Tasks extends readonly unknown[], Restartable extends boolean> {
  readonly name: string;
  readonly description: string;
  readonly version: number;
  readonly schemaVersion: 2;
  readonly ownerEmail: string;
  readonly restartable: Restartable;
  readonly workflowStatusListenerEnabled: false;
  readonly timeoutPolicy: 'ALERT_ONLY';
  readonly timeoutSeconds: 0;
  readonly inputParameters: readonly string[];
  readonly outputParameters: Record<string, string>;
  readonly tasks: Tasks;
}

export type ConductorWorkflowDef = ConductorWorkflowDefOf<readonly ConductorWorkflowTask[], true>;

export interface ConductorMetadata {
  /** The one task definition registered for the workflow's shared task type. */
  readonly taskDefs: readonly ConductorTaskDef[];
  readonly workflowDef: ConductorWorkflowDef;
}

export interface TranslationOptions {
  /** Prefixes every name on the server, so two products' definitions never collide. */
  readonly prefix?: string;
  readonly responseTimeoutSeconds?: number;
}

export class ConductorDefinitionError extends Error {
  override readonly name = 'ConductorDefinitionError';
}

/** The Conductor workflow name of one of our definitions. */
export function conductorWorkflowName(definitionName: string, prefix = DEFAULT_NAME_PREFIX): string {
  return `${prefix}_${definitionName}`;
}

/** The task type every step of a workflow has on the server; the reference name says which step. */
export function conductorTaskName(definitionName: string, prefix = DEFAULT_NAME_PREFIX): string {
  return `${prefix}_${definitionName}_step`;
}

/** The DO_WHILE's reference name for the loop a step closes. */
export function loopReferenceName(step: string): string {
  return `${step}_loop`;
}

export function toConductorMetadata(definition: WorkflowDefinition, options: TranslationOptions = {}): ConductorMetadata {
  const prefix = options.prefix ?? DEFAULT_NAME_PREFIX;
  const responseTimeout = options.responseTimeoutSeconds ?? DEFAULT_RESPONSE_TIMEOUT_SECONDS;
  if (!Number.isInteger(responseTimeout) || responseTimeout < 1) throw new ConductorDefinitionError(`The response timeout must be a whole number of seconds, at least 1 (got ${responseTimeout}).`);
  const loops = findLoops(definition);
  return {
    taskDefs: [sharedTaskDef(definition, prefix, responseTimeout)],
    workflowDef: {
      name: conductorWorkflowName(definition.name, prefix),
      description: `Imperium Flow workflow "${definition.name}" v${definition.version}: ${definition.steps.map((step) => step.name).join(' → ')}. Generated from its definition; register it again rather than editing it here.`,
      version: definition.version,
      schemaVersion: 2,
      ownerEmail: OWNER_EMAIL,
      restartable: true,
      workflowStatusListenerEnabled: false,
      timeoutPolicy: 'ALERT_ONLY',
      timeoutSeconds: 0,
      inputParameters: workflowInputNames(definition),
      outputParameters: Object.fromEntries(definition.steps.map((step) => [step.name, `\${${step.name}.output}`])),
      tasks: workflowTasks(definition, 0, definition.steps.length, loops, prefix, responseTimeout),
    },
  };
}

interface Loop {
  readonly from: number;
  readonly to: number;
  readonly step: StepDefinition;
  readonly target: string;
}

/** One DO_WHILE per step with a goto; loops may follow each other but not overlap. */
function findLoops(definition: WorkflowDefinition): Loop[] {
  const index = new Map(definition.steps.map((step, i) => [step.name, i]));
  const loops: Loop[] = [];
  definition.steps.forEach((step, to) => {
    if (!step.goto) return;
    if (step.goto.targets.length !== 1) {
      throw new ConductorDefinitionError(`Step "${step.name}" of "${definition.name}" may go back to ${step.goto.targets.length} steps; on Conductor a step may go back to one (a DO_WHILE loops back to its start).`);
    }
    const target = step.goto.targets[0] as string;
    loops.push({ from: index.get(target) as number, to, step, target });
  });
  loops.sort((a, b) => a.from - b.from);
  for (let i = 1; i < loops.length; i++) {
    const previous = loops[i - 1] as Loop;
    const loop = loops[i] as Loop;
    if (loop.from <= previous.to) {
      throw new ConductorDefinitionError(
        `The loops of "${definition.name}" overlap: "${previous.step.name}" goes back to "${previous.target}" and "${loop.step.name}" to "${loop.target}"; on Conductor loops may follow each other but not overlap.`,
      );
    }
  }
  return loops;
}

function workflowTasks(definition: WorkflowDefinition, from: number, to: number, loops: readonly Loop[], prefix: string, responseTimeout: number): ConductorWorkflowTask[] {
  const tasks: ConductorWorkflowTask[] = [];
  for (let i = from; i < to; i++) {
    const loop = loops.find((candidate) => candidate.from === i);
    if (loop) {
      tasks.push({
        name: loopReferenceName(loop.step.name),
        taskReferenceName: loopReferenceName(loop.step.name),
        type: 'DO_WHILE',
        inputParameters: {},
        // Conductor evaluates this as JavaScript over the loop's tasks' latest outputs.
        loopCondition: `if ($.${loop.step.name}['${GOTO_OUTPUT_KEY}'] == '${loop.target}') { true; } else { false; }`,
        loopOver: workflowTasks(definition, loop.from, loop.to + 1, [], prefix, responseTimeout),
      });
      i = loop.to;
      continue;
    }
    const step = definition.steps[i] as StepDefinition;
    tasks.push({
      name: conductorTaskName(definition.name, prefix),
      taskReferenceName: step.name,
      type: 'SIMPLE',
      inputParameters: structuredClone(step.inputs) as Record<string, unknown>,
      taskDefinition: taskDef(definition, step, prefix, responseTimeout),
    });
  }
  return tasks;
}

/** The registered definition of the shared task type: no retries, the response timeout; each step's own is inline. */
function sharedTaskDef(definition: WorkflowDefinition, prefix: string, responseTimeout: number): ConductorTaskDef {
  return {
    name: conductorTaskName(definition.name, prefix),
    description: `The steps of Imperium Flow workflow "${definition.name}" (the task's reference name says which); each step's retries and timeouts are on its task in the workflow definition.`,
    ownerEmail: OWNER_EMAIL,
    retryCount: 0,
    retryLogic: 'FIXED',
    retryDelaySeconds: 0,
    timeoutPolicy: 'RETRY',
    timeoutSeconds: 0,
    responseTimeoutSeconds: responseTimeout,
    inputKeys: [],
  };
}

function taskDef(definition: WorkflowDefinition, step: StepDefinition, prefix: string, responseTimeout: number): ConductorTaskDef {
  const timeoutSeconds = step.responseTimeoutMs === undefined ? 0 : Math.ceil(step.responseTimeoutMs / 1000);
  return {
    name: conductorTaskName(definition.name, prefix),
    description: `Step "${step.name}" of Imperium Flow workflow "${definition.name}", run by handler ${step.handler}.`,
    ownerEmail: OWNER_EMAIL,
    retryCount: step.retry.retryCount,
    retryLogic: step.retry.backoff === 'exponential' ? 'EXPONENTIAL_BACKOFF' : 'FIXED',
    retryDelaySeconds: Math.ceil(step.retry.retryDelayMs / 1000),
    timeoutPolicy: 'RETRY',
    timeoutSeconds,
    // Conductor refuses a response timeout longer than the whole task's.
    responseTimeoutSeconds: timeoutSeconds > 0 ? Math.min(responseTimeout, timeoutSeconds) : responseTimeout,
    inputKeys: Object.keys(step.inputs),
  };
}

function workflowInputNames(definition: WorkflowDefinition): string[] {
  const names = new Set<string>();
  const visit = (value: unknown): void => {
    if (typeof value === 'string') {
      const match = /^\$\{workflow\.input\.([A-Za-z0-9_-]+)/.exec(value);
      if (match?.[1]) names.add(match[1]);
    } else if (Array.isArray(value)) value.forEach(visit);
    else if (typeof value === 'object' && value !== null) Object.values(value).forEach(visit);
  };
  definition.steps.forEach((step) => visit(step.inputs));
  return [...names].sort();
}
