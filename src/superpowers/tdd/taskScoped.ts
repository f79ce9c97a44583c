// A value a step keeps for one task across the retry ladder's attempts: the ladder runs the handler
// again with the same task, and some things (the suite before TestBot wrote anything, the journal
// mark a refactor rolls back to) must be those of the first attempt. One task per workflow at a
// time, so the map stays as small as the number of workflows. After a crash the value is made
// again, which is right: the replay guard has rolled back what the cut-off attempts wrote.
import type { StepContext } from '../../core/orchestrator/stepHandler';

export class TaskScoped<T> {
  private readonly byWorkflow = new Map<string, { readonly taskId: string; readonly value: Promise<T> }>();

  /** The task's value, made by `make` on its first attempt. */
  get(context: Pick<StepContext, 'workflowId' | 'taskId'>, make: () => Promise<T>): Promise<T> {
    const kept = this.byWorkflow.get(context.workflowId);
    if (kept?.taskId === context.taskId) return kept.value;
    const value = make();
    this.byWorkflow.set(context.workflowId, { taskId: context.taskId, value });
    // A value that failed to be made is made again by the next attempt.
    value.catch(() => {
      if (this.byWorkflow.get(context.workflowId)?.value === value) this.byWorkflow.delete(context.workflowId);
    });
    return value;
  }
}
