// The one command core every surface (MCP, Language Model tools, HTTP + WebSocket, `imperium run
// --json`) goes through: list the workflow modules, start one, follow it, read its report, cancel
// it. Every input is validated here, once. Approving, rejecting and undoing are not commands: those
// stay a person's gesture in the editor.
import type { WorkflowSummary } from '../core/orchestrator/workflowState';
import type { EngineEvent } from '../shared/events';
import { isTerminalWorkflow, type WorkflowStatus } from '../shared/taskStatus';
import { GatewayError } from './gatewayError';
import type { GatewayRuntime, WorkflowModuleInfo } from './gatewayRuntime';
import { cancelSchema, eventFilterSchema, parseInput, startSchema, workflowIdInputSchema } from './gatewaySchemas';
import { workflowStatusView, type WorkflowStatusView } from './workflowStatusView';

export interface WorkflowListItem {
  readonly id: string;
  readonly workflow: string;
  readonly status: WorkflowStatus;
  readonly step?: string;
  readonly reason?: string;
  /** ISO 8601. */
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface StartedWorkflow {
  readonly id: string;
  readonly workflow: string;
}

export interface WorkflowReportView {
  readonly id: string;
  readonly status: WorkflowStatus;
  readonly report: unknown;
}

/** How long a caller may wait for a workflow in one call. */
export const MAX_WAIT_SECONDS = 600;

export class GatewayCommands {
  constructor(private readonly runtime: GatewayRuntime) {}

  modules(): readonly WorkflowModuleInfo[] {
    return this.runtime.modules();
  }

  workflows(): readonly WorkflowListItem[] {
    return this.runtime.list().map(listItem);
  }

  async start(input: unknown): Promise<StartedWorkflow> {
    const { request, workflow, targets } = valid(startSchema, input);
    const module = workflow === undefined ? this.runtime.modules()[0] : this.module(workflow);
    if (!module) throw new GatewayError('conflict', 'this runtime has no workflow modules to start.');
    const id = await this.runtime.start(module.id, { request, ...(targets && { targets }) });
    return { id, workflow: module.id };
  }

  async status(input: unknown): Promise<WorkflowStatusView> {
    const { id } = valid(workflowIdInputSchema, input);
    return this.statusOf(id);
  }

  /**
   * Resolves with the workflow's status once it has ended or paused, or once `timeoutSeconds` have
   * passed; `onEvent` sees each of its events meanwhile (for progress notifications).
   */
  async waitForEnd(input: unknown, timeoutSeconds: number, onEvent?: (event: EngineEvent, status: WorkflowStatusView) => void): Promise<WorkflowStatusView> {
    const { id } = valid(workflowIdInputSchema, input);
    const seconds = Math.min(Math.max(timeoutSeconds, 0), MAX_WAIT_SECONDS);
    const first = await this.statusOf(id);
    if (isSettled(first.status) || seconds === 0) return first;
    return new Promise<WorkflowStatusView>((resolve, reject) => {
      let latest = first;
      let chain = Promise.resolve();
      const finish = (error?: unknown) => {
        clearTimeout(timer);
        unsubscribe();
        if (error === undefined) resolve(latest);
        else reject(error instanceof Error ? error : new Error(String(error)));
      };
      const timer = setTimeout(() => void chain.then(() => finish()), seconds * 1000);
      const unsubscribe = this.runtime.subscribe((event) => {
        if (event.workflowId !== id) return;
        // Statuses are read one after another, so the last one read is the newest.
        chain = chain
          .then(async () => {
            latest = await this.statusOf(id);
            onEvent?.(event, latest);
            if (isSettled(latest.status)) finish();
          })
          .catch(finish);
      });
      // It may have ended between the first read and the subscription.
      chain = chain.then(async () => {
        latest = await this.statusOf(id);
        if (isSettled(latest.status)) finish();
      });
    });
  }

  async report(input: unknown): Promise<WorkflowReportView> {
    const { id } = valid(workflowIdInputSchema, input);
    const status = await this.statusOf(id);
    if (!isTerminalWorkflow(status.status)) throw new GatewayError('conflict', `workflow ${id} is ${status.status}; its report is written once it has ended (workflow_status follows it).`);
    return { id, status: status.status, report: await this.runtime.report(id) };
  }

  async cancel(input: unknown): Promise<WorkflowStatusView> {
    const { id, reason } = valid(cancelSchema, input);
    const status = await this.statusOf(id);
    if (status.status === 'CANCELED') return status;
    if (isTerminalWorkflow(status.status)) throw new GatewayError('conflict', `workflow ${id} is ${status.status}; it can no longer be canceled.`);
    await this.runtime.cancel(id, reason ?? 'canceled through the gateway');
    return this.statusOf(id);
  }

  /** Every event from now on (of one workflow, with `workflowId`); returns the unsubscribe function. */
  events(filter: unknown, listener: (event: EngineEvent) => void): () => void {
    const { workflowId } = valid(eventFilterSchema, filter ?? {});
    return this.runtime.subscribe((event) => {
      if (workflowId === undefined || event.workflowId === workflowId) listener(event);
    });
  }

  private module(id: string): WorkflowModuleInfo {
    const modules = this.runtime.modules();
    const module = modules.find((candidate) => candidate.id === id);
    if (!module) throw new GatewayError('not-found', `there is no workflow module "${id}" (there are: ${modules.map((m) => m.id).join(', ') || 'none'}).`);
    return module;
  }

  private async statusOf(id: string): Promise<WorkflowStatusView> {
    const workflow = await this.runtime.get(id);
    if (!workflow) throw new GatewayError('not-found', `there is no workflow ${id}.`);
    return workflowStatusView(workflow, this.runtime.modules().find((module) => module.id === workflow.definition.name));
  }
}

function valid<T>(schema: Parameters<typeof parseInput<T>>[0], input: unknown): T {
  const parsed = parseInput(schema, input);
  if (!parsed.ok) throw new GatewayError('invalid-input', parsed.message);
  return parsed.value;
}

function isSettled(status: WorkflowStatus): boolean {
  return status === 'PAUSED' || isTerminalWorkflow(status);
}

function listItem(summary: WorkflowSummary): WorkflowListItem {
  return {
    id: summary.id,
    workflow: summary.name,
    status: summary.status,
    ...(summary.step !== undefined && { step: summary.step }),
    ...(summary.reason !== undefined && { reason: summary.reason }),
    createdAt: new Date(summary.createdAt).toISOString(),
    updatedAt: new Date(summary.updatedAt).toISOString(),
  };
}
