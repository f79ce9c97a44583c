// What @imperium needs of the workflows, as a port: the chat handler and its renderer are written
// against it (and tested against it with VS Code's own chat types), the editor gives the workflow service.
import type { PendingApproval } from '../../core/approvals/pendingApprovals';
import type { WorkflowSummary } from '../../core/orchestrator/workflowState';
import type { EngineEvent } from '../../shared/events';

export interface ChatWorkflows {
  /** Why no workflow can run for want of a model, said before anything is taken; undefined when one is set. */
  modelProblem(): Promise<string | undefined>;
  start(workflow: string, request: string): Promise<string>;
  summary(workflowId: string): WorkflowSummary | undefined;
  cancel(workflowId: string): Promise<void>;
  /** Passes the person's note to the running workflow's agents. */
  guide(workflowId: string, text: string): void;
  /** The title of the phase of the workflow's module a step belongs to. */
  phaseOf(workflowId: string, step: string): string | undefined;
  /** Every engine event from now on; returns the unsubscribe. */
  subscribe(listener: (event: EngineEvent) => void): () => void;
  pendingApprovals(): readonly PendingApproval[];
  /** Each approval added from now on; returns the unsubscribe. */
  onApproval(listener: (approval: PendingApproval) => void): () => void;
  /** A one-time token a chat button passes back to decide an approval with `answer`. */
  tokenFor(approvalId: string, answer: string): string;
  /** The workflow's events so far, from the store (this session and earlier ones). */
  pastEvents(workflowId: string): Promise<readonly EngineEvent[]>;
}
