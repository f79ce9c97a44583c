// What the healing layer does about a deadlock. No attempt is running, so there is nothing for the
// retry ladder to stop: what is stuck is the workflow's runner. The first time, the runner is
// restarted (pause, then resume); if the workflow deadlocks again, a person decides: restart it
// again, or abort (cancel) the workflow. With no one to ask, the log and the event say what a person
// has to do, and the workflow is left as it is. Each step is a 'healing' event.
import type { HealingEvent } from '../../shared/events';
import type { Approvals, EventSink, Logger } from '../ports';
import type { Detection } from './detection';

/** The engine controls a restart needs (EmbeddedEngine has them). */
export interface WorkflowControl {
  pause(id: string, options: { readonly interrupt: boolean }): Promise<void>;
  resume(id: string): Promise<void>;
  cancel(id: string, reason: string): Promise<void>;
}

export interface DeadlockResponderOptions {
  readonly engine: WorkflowControl;
  readonly emit: EventSink;
  readonly logger: Logger;
  readonly approvals?: Approvals;
}

export const DEADLOCK_OPTIONS = ['retry', 'abort'] as const;

export class DeadlockResponder {
  /** Workflows whose runner was restarted once already. */
  private readonly restarted = new Set<string>();
  /** Workflows being handled now: a detection meanwhile is the same deadlock. */
  private readonly handling = new Set<string>();

  constructor(private readonly options: DeadlockResponderOptions) {}

  /** Give it the monitor's detections: `monitor.onDetection(responder.onDetection)`. */
  readonly onDetection = (detection: Detection): void => {
    if (detection.kind !== 'deadlock' || this.handling.has(detection.workflowId)) return;
    this.handling.add(detection.workflowId);
    this.respond(detection)
      .catch((error: unknown) => this.options.logger.error(`healing: the response to the deadlock of workflow ${detection.workflowId} failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => this.handling.delete(detection.workflowId));
  };

  private async respond(detection: Detection): Promise<void> {
    const { workflowId, summary } = detection;
    if (!this.restarted.has(workflowId)) {
      this.restarted.add(workflowId);
      this.event(detection, { action: 'retry', summary: `restarting the workflow's runner (pause, then resume) after: ${summary}` });
      return this.restart(workflowId);
    }
    const { approvals } = this.options;
    const question = `Workflow ${workflowId} is stuck again after its runner was restarted: ${summary}`;
    if (!approvals) {
      const reason = `${question}. A person must decide whether to restart it again (pause and resume it) or abort it (cancel it); no one can be asked here`;
      this.options.logger.warn(`healing: ${reason}`);
      this.event(detection, { action: 'gave-up', summary: reason });
      return;
    }
    this.event(detection, { action: 'ask-human', summary: `asking a person: restart the runner again, or abort (${summary})` });
    const answer = await approvals.request({ kind: 'escalation', workflowId, reason: question, options: DEADLOCK_OPTIONS });
    if (answer.approved && (answer.choice ?? 'retry') === 'retry') {
      this.event(detection, { action: 'ask-human', choice: 'retry', summary: 'a person chose to restart the runner again' });
      return this.restart(workflowId);
    }
    const reason = `a person aborted workflow ${workflowId}, which was stuck${answer.note ? ` (${answer.note})` : ''}`;
    this.event(detection, { action: 'abort', choice: answer.choice ?? 'abort', summary: reason });
    await this.options.engine.cancel(workflowId, reason);
  }

  private async restart(workflowId: string): Promise<void> {
    await this.options.engine.pause(workflowId, { interrupt: true });
    await this.options.engine.resume(workflowId);
  }

  private event(detection: Detection, event: Pick<HealingEvent, 'action' | 'summary'> & { readonly choice?: string }): void {
    this.options.emit({ type: 'healing', workflowId: detection.workflowId, ...(detection.taskId !== undefined && { taskId: detection.taskId }), failure: 'deadlock', ...event });
  }
}
