// The gateway's runtime over the headless engine: the feature workflow module, the engine's
// workflows and events, and reports with a fresh run of the suite.
import type { WorkflowSnapshot, WorkflowSummary } from '../core/orchestrator/workflowState';
import type { GatewayRuntime, WorkflowModuleInfo, WorkflowStart } from '../gateway/gatewayRuntime';
import { requestWithTargets } from '../gateway/targetRequest';
import type { EngineEvent } from '../shared/events';
import { FEATURE_PHASES, FEATURE_WORKFLOW } from '../superpowers/tdd/featureWorkflow';
import type { HeadlessEngine } from './headlessEngine';

export const FEATURE_MODULE: WorkflowModuleInfo = {
  id: 'feature',
  title: 'Feature, test-first',
  description: 'Plan with acceptance criteria, Board review of the plan, red (tests that fail for the right reason), green, refactor, Board review of the change.',
  phases: FEATURE_PHASES.map(({ phase, steps }) => ({ id: phase, steps: [...steps] })),
};

export class HeadlessGatewayRuntime implements GatewayRuntime {
  constructor(private readonly headless: HeadlessEngine) {}

  modules(): readonly WorkflowModuleInfo[] {
    return [FEATURE_MODULE];
  }

  async start(moduleId: string, start: WorkflowStart): Promise<string> {
    if (moduleId !== FEATURE_MODULE.id) throw new Error(`the headless runtime has no workflow module "${moduleId}".`);
    return this.headless.engine.start(FEATURE_WORKFLOW, { request: requestWithTargets(start.request, start.targets) });
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
