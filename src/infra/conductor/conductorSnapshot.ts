// A Conductor workflow execution (GET /api/workflow/{id}?includeTasks=true) in the vocabulary both
// engines speak: the same WorkflowSnapshot the embedded engine keeps, so views, reports and the CLI
// show a Conductor workflow as they show an embedded one.
import type { Task, Workflow } from '@io-orkes/conductor-javascript';
import type { WorkflowDefinition } from '../../core/orchestrator/workflowDefinition';
import type { TaskRecord, WorkflowSnapshot, WorkflowState, WorkflowSummary } from '../../core/orchestrator/workflowState';
import type { TaskStatus, WorkflowStatus } from '../../shared/taskStatus';
import { GOTO_OUTPUT_KEY } from './conductorDefinitions';

const WORKFLOW_STATUS: Record<string, WorkflowStatus> = {
  RUNNING: 'RUNNING',
  PAUSED: 'PAUSED',
  COMPLETED: 'COMPLETED',
  FAILED: 'FAILED',
  TIMED_OUT: 'TIMED_OUT',
  TERMINATED: 'CANCELED',
};

const TASK_STATUS: Record<string, TaskStatus> = {
  SCHEDULED: 'SCHEDULED',
  IN_PROGRESS: 'IN_PROGRESS',
  COMPLETED: 'COMPLETED',
  COMPLETED_WITH_ERRORS: 'COMPLETED',
  FAILED: 'FAILED',
  FAILED_WITH_TERMINAL_ERROR: 'FAILED',
  TIMED_OUT: 'TIMED_OUT',
  CANCELED: 'CANCELED',
  SKIPPED: 'CANCELED',
};

export function workflowStatusOf(status: string | undefined): WorkflowStatus {
  return WORKFLOW_STATUS[status ?? ''] ?? 'RUNNING';
}

/** The step a task belongs to: its reference name without Conductor's loop suffix (`green__2`). */
export function stepOfReference(referenceName: string): string {
  return referenceName.replace(/__\d+$/, '');
}

export function snapshotOf(workflow: Workflow, definition: WorkflowDefinition): WorkflowSnapshot {
  const stepNames = new Set(definition.steps.map((step) => step.name));
  const handlerOf = new Map(definition.steps.map((step) => [step.name, step.handler]));
  const stepTasks = (workflow.tasks ?? []).filter((task) => stepNames.has(stepOfReference(task.referenceTaskName ?? '')));
  stepTasks.sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
  const tasks: TaskRecord[] = stepTasks.map((task) => taskRecord(task, handlerOf));
  const outputs: Record<string, Record<string, unknown>> = {};
  const jumps: Record<string, number> = {};
  for (const task of stepTasks) {
    if (task.status !== 'COMPLETED') continue;
    const step = stepOfReference(task.referenceTaskName ?? '');
    const { [GOTO_OUTPUT_KEY]: goto, ...output } = (task.outputData ?? {}) as Record<string, unknown>;
    outputs[step] = output;
    if (typeof goto === 'string') jumps[step] = (jumps[step] ?? 0) + 1;
  }
  const status = workflowStatusOf(workflow.status);
  const last = tasks.at(-1);
  const stepIndex = status === 'COMPLETED' ? definition.steps.length : last ? nextStepIndex(definition, last) : 0;
  const state: WorkflowState = {
    id: workflow.workflowId ?? '',
    definition,
    input: (workflow.input ?? {}) as Record<string, unknown>,
    status,
    ...reasonOf(workflow, status, stepTasks),
    createdAt: workflow.createTime ?? 0,
    updatedAt: workflow.updateTime ?? workflow.createTime ?? 0,
    ...(workflow.endTime ? { endedAt: workflow.endTime } : {}),
    stepIndex,
    outputs,
    jumps,
    tasks,
  };
  return state;
}

/**
 * Why the workflow ended, in the embedded engine's words: a step's terminal failure verbatim, one
 * whose retries ran out with how many times it failed. Conductor's own reason wraps the task's
 * ("Task <id> failed with status: FAILED and reason: '...'"), which a person should not have to read.
 */
function reasonOf(workflow: Workflow, status: WorkflowStatus, stepTasks: readonly Task[]): { reason?: string } {
  const last = stepTasks.at(-1);
  const failed = (status === 'FAILED' || status === 'TIMED_OUT') && last && ['FAILED', 'FAILED_WITH_TERMINAL_ERROR', 'TIMED_OUT'].includes(last.status ?? '') ? last : undefined;
  const taskReason = failed?.reasonForIncompletion;
  if (!failed || !taskReason) return workflow.reasonForIncompletion ? { reason: workflow.reasonForIncompletion } : {};
  if (failed.status === 'FAILED_WITH_TERMINAL_ERROR') return { reason: taskReason };
  const attempts = (failed.retryCount ?? 0) + 1;
  const what = failed.status === 'TIMED_OUT' ? 'took too long' : 'failed';
  return { reason: `${taskReason.replace(/[.\s]+$/, '')} (${what} ${attempts === 1 ? 'once' : `${attempts} times`}).` };
}

export function summaryOf(snapshot: WorkflowSnapshot): WorkflowSummary {
  return {
    id: snapshot.id,
    name: snapshot.definition.name,
    version: snapshot.definition.version,
    status: snapshot.status,
    step: snapshot.definition.steps[snapshot.stepIndex]?.name,
    reason: snapshot.reason,
    createdAt: snapshot.createdAt,
    updatedAt: snapshot.updatedAt,
  };
}

function taskRecord(task: Task, handlerOf: ReadonlyMap<string, string>): TaskRecord {
  const step = stepOfReference(task.referenceTaskName ?? '');
  const { [GOTO_OUTPUT_KEY]: _goto, ...output } = (task.outputData ?? {}) as Record<string, unknown>;
  return {
    id: task.taskId ?? '',
    step,
    handler: handlerOf.get(step) ?? '',
    status: TASK_STATUS[task.status ?? ''] ?? 'SCHEDULED',
    retryCount: task.retryCount ?? 0,
    scheduledAt: task.scheduledTime ?? 0,
    ...(task.startTime ? { startedAt: task.startTime } : {}),
    ...(task.endTime ? { endedAt: task.endTime } : {}),
    ...(task.inputData ? { input: task.inputData as Record<string, unknown> } : {}),
    ...(task.outputData && Object.keys(output).length > 0 ? { output } : {}),
    ...(task.reasonForIncompletion ? { reason: task.reasonForIncompletion } : {}),
  };
}

/** The step being run, or the one after the last completed task. */
function nextStepIndex(definition: WorkflowDefinition, last: TaskRecord): number {
  const index = definition.steps.findIndex((step) => step.name === last.step);
  if (last.status !== 'COMPLETED') return index;
  return index + 1;
}
