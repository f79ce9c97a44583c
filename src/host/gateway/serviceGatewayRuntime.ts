// The gateway's runtime in the editor: the window's workflow service, so what the Language Model
// tools, the MCP clients of the editor's API server and other extensions start runs under the same
// Workspace Trust, review mode, unsaved-changes gate and Test Explorer as a start from the palette.
import type { WorkflowSnapshot, WorkflowSummary } from '../../core/orchestrator/workflowState';
import { GatewayError } from '../../gateway/gatewayError';
import type { GatewayRuntime, WorkflowModuleInfo, WorkflowStart } from '../../gateway/gatewayRuntime';
import { requestWithTargets } from '../../gateway/targetRequest';
import type { EngineEvent } from '../../shared/events';
import { builtInModules } from '../../workflows/builtInModules';
import type { WorkflowService } from '../workflows/workflowService';

const MODULES: readonly WorkflowModuleInfo[] = builtInModules()
  .list()
  .map(({ id, title, description, phases }) => ({ id, title, description, phases }));

export class ServiceGatewayRuntime implements GatewayRuntime {
  constructor(private readonly service: WorkflowService) {}

  modules(): readonly WorkflowModuleInfo[] {
    // The editor's workflow service starts the feature workflow; the others come with the runtime.
    return MODULES.filter((module) => module.id === 'feature');
  }

  async start(moduleId: string, start: WorkflowStart): Promise<string> {
    if (moduleId !== 'feature') throw new GatewayError('not-found', `the editor starts the feature workflow only, not "${moduleId}".`);
    const targets = start.targets ?? [];
    if (targets.length === 1) return this.service.start(start.request, targets[0]);
    return this.service.start(requestWithTargets(start.request, targets));
  }

  list(): readonly WorkflowSummary[] {
    return this.service.list();
  }

  get(workflowId: string): Promise<WorkflowSnapshot | undefined> {
    return this.service.feature.engine.get(workflowId);
  }

  report(workflowId: string): Promise<unknown> {
    return this.service.feature.report(workflowId);
  }

  cancel(workflowId: string): Promise<void> {
    return this.service.cancel(workflowId);
  }

  subscribe(listener: (event: EngineEvent) => void): () => void {
    return this.service.feature.engine.subscribe(listener);
  }
}
