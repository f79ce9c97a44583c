// The gateway's runtime in the editor: the window's workflow service, so what the Language Model
// tools, the MCP clients of the editor's API server and other extensions start runs under the same
// Workspace Trust, review mode, unsaved-changes gate and Test Explorer as a start from the palette.
import type { WorkflowSnapshot, WorkflowSummary } from '../../core/orchestrator/workflowState';
import { GatewayError } from '../../gateway/gatewayError';
import type { GatewayRuntime, WorkflowModuleInfo, WorkflowStart } from '../../gateway/gatewayRuntime';
import { requestWithTargets } from '../../gateway/targetRequest';
import type { EngineEvent } from '../../shared/events';
import { ModuleInputError } from '../../runtime/workflowCatalog';
import type { WorkflowService } from '../workflows/workflowService';

export class ServiceGatewayRuntime implements GatewayRuntime {
  constructor(private readonly service: WorkflowService) {}

  modules(): readonly WorkflowModuleInfo[] {
    return this.service.modules().map(({ id, title, description, phases }) => ({ id, title, description, phases }));
  }

  async start(moduleId: string, start: WorkflowStart): Promise<string> {
    const targets = start.targets ?? [];
    // One target is the module's own; several are named in the request's words.
    const request = targets.length === 1 ? { workflow: moduleId, request: start.request, target: targets[0] } : { workflow: moduleId, request: requestWithTargets(start.request, targets) };
    try {
      return await this.service.start(request);
    } catch (error) {
      if (error instanceof ModuleInputError) throw new GatewayError('invalid-input', error.message);
      throw error;
    }
  }

  list(): readonly WorkflowSummary[] {
    return this.service.list();
  }

  get(workflowId: string): Promise<WorkflowSnapshot | undefined> {
    return this.service.runtime.engine.get(workflowId);
  }

  report(workflowId: string): Promise<unknown> {
    return this.service.runtime.report(workflowId);
  }

  cancel(workflowId: string): Promise<void> {
    return this.service.cancel(workflowId);
  }

  subscribe(listener: (event: EngineEvent) => void): () => void {
    return this.service.runtime.engine.subscribe(listener);
  }
}
