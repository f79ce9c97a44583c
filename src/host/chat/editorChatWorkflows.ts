// The editor's workflows as @imperium sees them (the ChatWorkflows port over the workflow service),
// and the one-time tokens its Approve and Reject buttons carry.
import { randomUUID } from 'node:crypto';
import type { PendingApproval } from '../../core/approvals/pendingApprovals';
import type { WorkflowSummary } from '../../core/orchestrator/workflowState';
import type { EngineEvent } from '../../shared/events';
import type { WorkflowService } from '../workflows/workflowService';
import type { ChatWorkflows } from './chatWorkflows';

export interface ChatAnswer {
  readonly approvalId: string;
  readonly answer: string;
}

export class EditorChatWorkflows implements ChatWorkflows {
  constructor(
    private readonly service: WorkflowService,
    readonly modelProblem: () => Promise<string | undefined>,
    /** The answers the chat's buttons stand for, by token; shared by every chat request of the window. */
    private readonly answers: Map<string, ChatAnswer>,
  ) {}

  start(workflow: string, request: string): Promise<string> {
    return this.service.start({ workflow, request });
  }

  summary(workflowId: string): WorkflowSummary | undefined {
    return this.service.list().find((workflow) => workflow.id === workflowId);
  }

  cancel(workflowId: string): Promise<void> {
    return this.service.cancel(workflowId);
  }

  guide(workflowId: string, text: string): void {
    this.service.runtime.guide(workflowId, text);
  }

  phaseOf(workflowId: string, step: string): string | undefined {
    return this.service.runtime.phaseOfStep(workflowId, step)?.title;
  }

  subscribe(listener: (event: EngineEvent) => void): () => void {
    return this.service.runtime.events.subscribe(listener);
  }

  pendingApprovals(): readonly PendingApproval[] {
    return this.service.approvals.pending();
  }

  onApproval(listener: (approval: PendingApproval) => void): () => void {
    return this.service.approvals.subscribe((change) => {
      if (change.type === 'added') listener(change.approval);
    });
  }

  tokenFor(approvalId: string, answer: string): string {
    const token = randomUUID();
    this.answers.set(token, { approvalId, answer });
    return token;
  }

  async pastEvents(workflowId: string): Promise<readonly EngineEvent[]> {
    return (await this.service.runtime.pastEvents()).filter((event) => event.workflowId === workflowId);
  }
}
