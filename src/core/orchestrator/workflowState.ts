// The durable state of a workflow and its tasks, as kept in the store and shown to the host.
// Tasks follow Conductor: every attempt of a step is a task of its own, with its retry count.
import type { TaskStatus, WorkflowStatus } from '../../shared/taskStatus';
import type { WorkflowDefinition } from './workflowDefinition';

export type JsonObject = Record<string, unknown>;

export interface TaskRecord {
  readonly id: string;
  readonly step: string;
  readonly handler: string;
  status: TaskStatus;
  /** 0 for the first attempt of a step's visit. */
  readonly retryCount: number;
  readonly scheduledAt: number;
  /** A retry waits until then; the wait survives a restart. */
  readonly startAfter?: number;
  startedAt?: number;
  endedAt?: number;
  input?: JsonObject;
  output?: JsonObject;
  reason?: string;
}

export interface WorkflowState {
  readonly id: string;
  /** Kept with the state, so a workflow resumes after a restart as it was started. */
  readonly definition: WorkflowDefinition;
  readonly input: JsonObject;
  status: WorkflowStatus;
  reason?: string;
  readonly createdAt: number;
  updatedAt: number;
  endedAt?: number;
  /** The step being run or to run next, as an index into definition.steps. */
  stepIndex: number;
  /** The latest output of each step that completed, by step name. */
  outputs: Record<string, JsonObject>;
  /** How many times each step has sent the workflow back, by step name. */
  jumps: Record<string, number>;
  tasks: TaskRecord[];
}

/** What lists of workflows show. */
export interface WorkflowSummary {
  readonly id: string;
  readonly name: string;
  readonly version: number;
  readonly status: WorkflowStatus;
  /** The step being run or to run next; absent once the workflow is past its last step. */
  readonly step?: string;
  readonly reason?: string;
  readonly createdAt: number;
  readonly updatedAt: number;
}

type DeepReadonly<T> = T extends (infer U)[] ? readonly DeepReadonly<U>[] : T extends object ? { readonly [K in keyof T]: DeepReadonly<T[K]> } : T;

/** A copy of a workflow's state that the caller may keep; changing it changes nothing. */
export type WorkflowSnapshot = DeepReadonly<WorkflowState>;

export function summarizeWorkflow(state: WorkflowState): WorkflowSummary {
  return {
    id: state.id,
    name: state.definition.name,
    version: state.definition.version,
    status: state.status,
    step: state.definition.steps[state.stepIndex]?.name,
    reason: state.reason,
    createdAt: state.createdAt,
    updatedAt: state.updatedAt,
  };
}

/** The task the workflow is on: the last one, if it has not ended. */
export function openTask(state: WorkflowState): TaskRecord | undefined {
  const last = state.tasks.at(-1);
  return last && (last.status === 'SCHEDULED' || last.status === 'IN_PROGRESS') ? last : undefined;
}
