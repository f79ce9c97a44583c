// The gateway's runtime over the headless engine: the built-in workflow modules, the engine's
// workflows and events, and reports with a fresh run of the suite.
import type { WorkflowSnapshot, WorkflowSummary } from '../core/orchestrator/workflowState';
import { GatewayError } from '../gateway/gatewayError';
import type { GatewayRuntime, WorkflowModuleInfo, WorkflowStart } from '../gateway/gatewayRuntime';
import { requestWithTargets } from '../gateway/targetRequest';
import type { EngineEvent } from '../shared/events';
import { builtInModules } from '../runtime/workflowCatalog';
import { ModuleInputError } from '../runtime/workflowCatalog';
import type { WorkflowModules } from '../runtime/workflowCatalog';
import type { HeadlessEngine } from './headlessEngine';

export class HeadlessGatewayRuntime implements GatewayRuntime {
  constructor(
    private readonly headless: HeadlessEngine,
    private readonly registry: WorkflowModules = builtInModules(),
  ) {}

  modules(): readonly WorkflowModuleInfo[] {
    return this.registry.list().map(({ id, title, description, phases }) => ({ id, title, description, phases }));
  }

  async start(moduleId: string, start: WorkflowStart): Promise<string> {
    const module = this.registry.get(moduleId);
    const targets = start.targets ?? [];
    // One target is the module's own; several are named in the request's words.
    let input;
    try {
      input = module.input({ workflow: module.id, request: targets.length > 1 ? requestWithTargets(start.request, targets) : start.request, ...(targets.length === 1 && { target: targets[0] }) });
    } catch (error) {
      if (error instanceof ModuleInputError) throw new GatewayError('invalid-input', error.message);
      throw error;
    }
    return this.headless.engine.start(module.definition, input);
  }

  list(): readonly WorkflowSummary[] {
    return this.headless.engine.list();
  }

  get(workflowId: string): Promise<WorkflowSnapshot | undefined> {
    return this.headless.engine.get(workflowId);
  }

  report(workflowId: string): Promise<unknown> {
    return this.headless.report(workflowId);
  }

  cancel(workflowId: string, reason: string): Promise<void> {
    return this.headless.engine.cancel(workflowId, reason);
  }

  subscribe(listener: (event: EngineEvent) => void): () => void {
    return this.headless.engine.subscribe(listener);
  }
}
