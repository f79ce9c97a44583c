// The API other extensions get from `extension.exports`: read the key's fingerprint (never the key),
// the Test Explorer, and start, follow, read and cancel workflows through the gateway's command
// core, as the MCP server and the HTTP API do. It offers no way to approve or reject an edit or an
// escalation, nor to undo a workflow: those stay a person's gesture in the editor. Only when VS Code
// runs this extension's own integration tests (ExtensionMode.Test, which no installed extension can
// bring about) does it carry `testHooks`, so those tests can stand in for the person.
import type { PendingApproval } from '../core/approvals/pendingApprovals';
import type { UndoReport } from '../core/journal/journalEntry';
import type { ApprovalDecision } from '../core/ports';
import type { WorkflowSummary } from '../core/orchestrator/workflowState';
import type { StartedWorkflow, WorkflowListItem, WorkflowReportView } from '../gateway/gatewayCommands';
import type { WorkflowModuleInfo } from '../gateway/gatewayRuntime';
import type { StartInput } from '../gateway/gatewaySchemas';
import type { WorkflowStatusView } from '../gateway/workflowStatusView';
import type { EngineEvent } from '../shared/events';
import type { WorkflowStatus } from '../shared/taskStatus';
import type { TestExplorerApi } from './testing/testExplorerApi';

export interface ImperiumApi {
  /** The extension's version, from package.json. */
  readonly version: string;
  /** Milliseconds from loading the extension's code (the host bundle) to the end of activate(). */
  readonly activationMs: number;
  /** Of activationMs, loading the host bundle: reading, compiling and running its modules, before activate() began. */
  readonly activationLoadMs: number;
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
  /** Present only while VS Code runs this extension's integration tests (ExtensionMode.Test). */
  readonly testHooks?: () => Promise<WorkflowTestHooks>;
}

/**
 * Workflows as another extension may drive them. Every input is validated; a bad one rejects with
 * a GatewayError whose `code` is 'invalid-input', 'not-found' or 'conflict'. Starting runs under the
 * window's Workspace Trust and review mode, like a start from the palette.
 */
export interface WorkflowsApi {
  /** The workflow modules that can be started (id, title, description, phases); the first is the default. */
  modules(): readonly WorkflowModuleInfo[];
  /** Every workflow of this workspace, oldest first (the engine's own summaries). */
  list(): readonly WorkflowSummary[];
  /** The same, as the gateway lists them (times as ISO 8601). */
  workflowList(): readonly WorkflowListItem[];
  /** Starts a module (`workflow`, the default when omitted) on a request; resolves with the new workflow's id once it is stored. */
  start(input: StartInput): Promise<StartedWorkflow>;
  /** Status, phase and progress (0 to 1). */
  status(workflowId: string): Promise<WorkflowStatusView>;
  /** Resolves when the workflow is paused or has ended. */
  settled(workflowId: string): Promise<{ readonly status: WorkflowStatus; readonly reason?: string }>;
  /** The report of a workflow that has ended; rejects with a 'conflict' GatewayError before that. */
  report(workflowId: string): Promise<WorkflowReportView>;
  /** Cancels a running or paused workflow; the files it changed stay changed. */
  cancel(workflowId: string, reason?: string): Promise<WorkflowStatusView>;
  /** Every engine event from now on (of one workflow with `workflowId`); dispose to stop. */
  onDidEmit(listener: (event: EngineEvent) => void, workflowId?: string): { dispose(): void };
}

/** What only the extension's own integration tests get, standing in for the person at the editor. */
export interface WorkflowTestHooks {
  /** Edits and escalations waiting for a person, oldest first. */
  pendingApprovals(): readonly PendingApproval[];
  /** Decides one, as the notification or the command center would; false when it is no longer pending. */
  decide(approvalId: string, decision: ApprovalDecision): boolean;
  /** Undo Workflow without its confirmation dialog: restores what the workflow changed, deletes what it created. */
  undo(workflowId: string): Promise<UndoReport>;
  /** Allow Network for This Workflow's Test Runs, confirmed: what the command does once the person says yes to its warning. */
  allowNetwork(workflowId: string): void;
}
