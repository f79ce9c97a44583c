// A workflow's state as the gateway shows it: status, phase and progress, without the engine's
// internals (definitions, step outputs, task inputs).
import type { WorkflowSnapshot } from '../core/orchestrator/workflowState';
import type { WorkflowStatus } from '../shared/taskStatus';
import type { WorkflowModuleInfo } from './gatewayRuntime';

export interface WorkflowStatusView {
  readonly id: string;
  /** The workflow module it runs. */
  readonly workflow: string;
  readonly request: string;
  readonly status: WorkflowStatus;
  /** The phase it is in (a module phase id), 'done' once completed; absent past the last step of a failed run. */
  readonly phase?: string;
  /** The step it is on, by name. */
  readonly step?: string;
  /** From 0 to 1: the share of the workflow's steps behind it. */
  readonly progress: number;
  /** Attempts so far, every step and retry counted. */
  readonly tasks: number;
  readonly reason?: string;
  /** ISO 8601. */
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly endedAt?: string;
}

export function workflowStatusView(workflow: WorkflowSnapshot, module: WorkflowModuleInfo | undefined): WorkflowStatusView {
  const steps = workflow.definition.steps.map((step) => step.name);
  const step = steps[workflow.stepIndex];
  const phase = workflow.status === 'COMPLETED' ? 'done' : step === undefined ? undefined : (module?.phases.find((candidate) => candidate.steps.includes(step))?.id ?? step);
  const progress = workflow.status === 'COMPLETED' || step === undefined ? 1 : steps.length === 0 ? 0 : workflow.stepIndex / steps.length;
  const request = workflow.input.request;
  return {
    id: workflow.id,
    workflow: workflow.definition.name,
    request: typeof request === 'string' ? request : '',
    status: workflow.status,
    ...(phase !== undefined && { phase }),
    ...(step !== undefined && { step }),
    progress: Math.round(progress * 100) / 100,
    tasks: workflow.tasks.length,
    ...(workflow.reason !== undefined && { reason: workflow.reason }),
    createdAt: new Date(workflow.createdAt).toISOString(),
    updatedAt: new Date(workflow.updatedAt).toISOString(),
    ...(workflow.endedAt !== undefined && { endedAt: new Date(workflow.endedAt).toISOString() }),
  };
}
