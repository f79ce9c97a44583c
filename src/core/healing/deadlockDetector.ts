// Deadlock, as it can happen in the embedded engine. The engine runs each workflow's steps one at a
// time and starts a scheduled task as soon as its retry wait is over; nothing in a workflow waits on
// another. So "tasks waiting with nothing runnable" means: at least one workflow is RUNNING, not one
// of them has a task IN_PROGRESS, and every one of them has been waiting (a task SCHEDULED whose
// retry wait is over, or no open task between two steps) for longer than the grace period. Nothing
// will move again on its own: the runners that should pick the tasks up are gone or stuck. A task
// IN_PROGRESS waiting on a person (an approval, an escalation) is running, not deadlocked. Pure:
// fed events, asked with the time.
import type { EngineEvent } from '../../shared/events';
import type { Detection } from './detection';

type Waiting = { readonly state: 'running' } | { readonly state: 'waiting'; readonly since: number; readonly taskId?: string };

export const DEFAULT_DEADLOCK_GRACE_MS = 30_000;

export class DeadlockDetector {
  private readonly workflows = new Map<string, Waiting>();
  /** Retry waits announced for a task, by task id: when it may start. */
  private readonly dueAt = new Map<string, number>();
  private reported = false;

  constructor(private readonly graceMs = DEFAULT_DEADLOCK_GRACE_MS) {
    if (!Number.isFinite(graceMs) || graceMs <= 0) throw new RangeError(`graceMs must be a number of milliseconds > 0, not ${graceMs}.`);
  }

  observe(event: EngineEvent): void {
    if (event.type === 'retry' && event.what === 'task' && event.taskId !== undefined) {
      this.dueAt.set(event.taskId, event.at + event.delayMs);
      this.refreshWaiting(event.workflowId, event.taskId);
      return;
    }
    if (event.type === 'workflow') {
      if (event.status === 'RUNNING') this.workflows.set(event.workflowId, { state: 'waiting', since: event.at });
      else this.workflows.delete(event.workflowId);
      this.reported = false;
      return;
    }
    if (event.type !== 'task' || !this.workflows.has(event.workflowId)) return;
    this.reported = false;
    if (event.status === 'IN_PROGRESS') {
      this.workflows.set(event.workflowId, { state: 'running' });
      this.dueAt.delete(event.taskId);
    } else {
      // Scheduled: waiting from when it may start; ended: waiting for the next step to be scheduled.
      const since = event.status === 'SCHEDULED' ? Math.max(event.at, this.dueAt.get(event.taskId) ?? 0) : event.at;
      this.workflows.set(event.workflowId, { state: 'waiting', since, ...(event.status === 'SCHEDULED' && { taskId: event.taskId }) });
    }
  }

  /** One detection per stuck workflow when the engine as a whole is deadlocked; reported once until something moves. */
  check(now: number): Detection[] {
    if (this.reported || this.workflows.size === 0) return [];
    const waiting: [string, Extract<Waiting, { state: 'waiting' }>][] = [];
    for (const [workflowId, workflow] of this.workflows) {
      if (workflow.state === 'running' || now - workflow.since <= this.graceMs) return [];
      waiting.push([workflowId, workflow]);
    }
    this.reported = true;
    const ids = waiting.map(([workflowId]) => workflowId).join(', ');
    return waiting.map(([workflowId, workflow]) => ({
      kind: 'deadlock' as const,
      workflowId,
      ...(workflow.taskId !== undefined && { taskId: workflow.taskId }),
      summary: `nothing is running and ${waiting.length === 1 ? 'this workflow has' : `${waiting.length} workflows (${ids}) have`} waited ${Math.round((now - workflow.since) / 1000)} s for work that no runner picks up; pause and resume the workflow to start its runner again`,
      at: now,
    }));
  }

  private refreshWaiting(workflowId: string | undefined, taskId: string): void {
    if (workflowId === undefined) return;
    const workflow = this.workflows.get(workflowId);
    if (workflow?.state === 'waiting' && workflow.taskId === taskId) this.workflows.set(workflowId, { ...workflow, since: Math.max(workflow.since, this.dueAt.get(taskId) ?? 0) });
  }
}
