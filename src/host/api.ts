// The API other extensions (and the integration tests) get from `extension.exports`.
// It never hands out a secret: only whether one is stored, and a fingerprint of it.
import type { PendingApproval } from '../core/approvals/pendingApprovals';
import type { UndoReport } from '../core/journal/journalEntry';
import type { ApprovalDecision } from '../core/ports';
import type { WorkflowSummary } from '../core/orchestrator/workflowState';
import type { WorkflowStatus } from '../shared/taskStatus';
import type { TestExplorerApi } from './testing/testExplorerApi';

export interface ImperiumApi {
  /** The extension's version, from package.json. */
  readonly version: string;
  /** Milliseconds from loading the extension's code (the host bundle) to the end of activate(). */
  readonly activationMs: number;
  /** Bytes of the extension's own code loaded by the end of activate(). */
  readonly activationBytes: number;
  /** The model endpoint the key belongs to (`imperium.model.baseUrl`). */
  apiKeyEndpoint(): string;
  /** `…` and the key's last four characters when a key is stored for the endpoint, else undefined. */
  apiKeyFingerprint(): Promise<string | undefined>;
  /** The Test Explorer's tests and runs (absent with no folder open). */
  readonly tests?: TestExplorerApi;
  /** This window's workflows; rejects with the reason when they cannot be opened (no folder, another window). */
  workflows(): Promise<WorkflowsApi>;
}

export interface WorkflowsApi {
  list(): readonly WorkflowSummary[];
  /** Resolves when the workflow is paused or has ended. */
  settled(workflowId: string): Promise<{ readonly status: WorkflowStatus; readonly reason?: string }>;
  /** Edits and escalations waiting for a person, oldest first. */
  pendingApprovals(): readonly PendingApproval[];
  /** Decides one, as the notification or the command center would; false when it is no longer pending. */
  decide(approvalId: string, decision: ApprovalDecision): boolean;
  /** Undo Workflow without its confirmation dialog: restores what the workflow changed, deletes what it created. */
  undo(workflowId: string): Promise<UndoReport>;
}
