// Builds the extension's exports (api.ts) from the window's services: workflows through the
// gateway's command core, and the test hooks only in ExtensionMode.Test. Imports nothing of
// 'vscode' at run time, so a unit test can check what another extension is handed.
import type { GatewayCommands } from '../gateway/gatewayCommands';
import type { ImperiumApi, WorkflowsApi, WorkflowTestHooks } from './api';
import type { TestExplorerApi } from './testing/testExplorerApi';
import type { WorkflowService } from './workflows/workflowService';

export interface ImperiumApiParts {
  readonly version: string;
  readonly activationMs: number;
  /** Of activationMs, loading the host bundle. */
  readonly activationLoadMs: number;
  /** Bytes of the extension's code loaded by the end of activate(). */
  readonly activationBytes: number;
  readonly apiKeyEndpoint: () => string;
  readonly apiKeyFingerprint: () => Promise<string | undefined>;
  readonly tests?: TestExplorerApi;
  readonly service: () => Promise<WorkflowService>;
  /** The gateway's command core over that service. */
  readonly commands: () => Promise<GatewayCommands>;
  /** Whether VS Code runs the extension's own tests (context.extensionMode === ExtensionMode.Test). */
  readonly testMode: boolean;
}

export function buildImperiumApi(parts: ImperiumApiParts): ImperiumApi {
  return {
    version: parts.version,
    activationMs: parts.activationMs,
    activationLoadMs: parts.activationLoadMs,
    activationBytes: parts.activationBytes,
    apiKeyEndpoint: () => parts.apiKeyEndpoint(),
    apiKeyFingerprint: () => parts.apiKeyFingerprint(),
    ...(parts.tests && { tests: parts.tests }),
    workflows: async () => workflowsApi(await parts.service(), await parts.commands()),
    ...(parts.testMode && { testHooks: async () => testHooks(await parts.service()) }),
  };
}

function workflowsApi(service: WorkflowService, commands: GatewayCommands): WorkflowsApi {
  return {
    modules: () => commands.modules(),
    list: () => service.list(),
    workflowList: () => commands.workflows(),
    start: (input) => commands.start(input),
    status: (workflowId) => commands.status({ id: workflowId }),
    settled: async (workflowId) => {
      const { status, reason } = await service.runtime.engine.settled(workflowId);
      return { status, ...(reason !== undefined && { reason }) };
    },
    report: (workflowId) => commands.report({ id: workflowId }),
    cancel: (workflowId, reason) => commands.cancel({ id: workflowId, ...(reason !== undefined && { reason }) }),
    onDidEmit: (listener, workflowId) => {
      const unsubscribe = commands.events(workflowId === undefined ? {} : { workflowId }, listener);
      return { dispose: unsubscribe };
    },
  };
}

function testHooks(service: WorkflowService): WorkflowTestHooks {
  return {
    pendingApprovals: () => service.approvals.pending(),
    decide: (approvalId, decision) => service.approvals.decide(approvalId, decision),
    undo: (workflowId) => service.undo(workflowId),
    allowNetwork: (workflowId) => service.allowNetwork(workflowId),
  };
}
