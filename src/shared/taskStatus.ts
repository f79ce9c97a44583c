// The task and workflow vocabulary both engines speak (the embedded one and Conductor).
export const TASK_STATUSES = ['SCHEDULED', 'IN_PROGRESS', 'COMPLETED', 'FAILED', 'TIMED_OUT', 'CANCELED'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const WORKFLOW_STATUSES = ['RUNNING', 'PAUSED', 'COMPLETED', 'FAILED', 'TIMED_OUT', 'CANCELED'] as const;
export type WorkflowStatus = (typeof WORKFLOW_STATUSES)[number];

export function isTerminalTask(status: TaskStatus): boolean {
  return status === 'COMPLETED' || status === 'FAILED' || status === 'TIMED_OUT' || status === 'CANCELED';
}

export function isTerminalWorkflow(status: WorkflowStatus): boolean {
  return status === 'COMPLETED' || status === 'FAILED' || status === 'TIMED_OUT' || status === 'CANCELED';
}
