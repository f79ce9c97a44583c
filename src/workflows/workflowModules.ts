// The registry of workflow modules: checks each module once (a valid definition named for the
// module, phases that cover every step exactly once, ids unique) and finds one by id, or by the
// definition name a stored workflow carries. An unknown id is an error naming the ids there are.
import { parseWorkflowDefinition } from '../core/orchestrator/workflowDefinition';
import type { WorkflowModule } from './workflowModule';

export class UnknownWorkflowError extends Error {
  override readonly name = 'UnknownWorkflowError';
  constructor(
    readonly id: string,
    readonly known: readonly string[],
  ) {
    super(`There is no workflow "${id}"; the workflows are: ${known.join(', ') || 'none'}.`);
  }
}

export class WorkflowModuleError extends Error {
  override readonly name = 'WorkflowModuleError';
}

export class WorkflowModules {
  private readonly byId = new Map<string, WorkflowModule>();

  constructor(modules: readonly WorkflowModule[]) {
    for (const module of modules) {
      if (this.byId.has(module.id)) throw new WorkflowModuleError(`Two workflow modules have the id "${module.id}".`);
      checkModule(module);
      this.byId.set(module.id, module);
    }
  }

  /** Every module, in registration order. */
  list(): readonly WorkflowModule[] {
    return [...this.byId.values()];
  }

  ids(): string[] {
    return [...this.byId.keys()];
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** The module with this id; throws UnknownWorkflowError naming the ids there are. */
  get(id: string): WorkflowModule {
    const module = this.byId.get(id);
    if (!module) throw new UnknownWorkflowError(id, this.ids());
    return module;
  }

  /** The module a stored workflow was started from (its definition carries the module's id as its name). */
  ofDefinition(name: string): WorkflowModule | undefined {
    return this.byId.get(name);
  }
}

function checkModule(module: WorkflowModule): void {
  const definition = parseWorkflowDefinition(module.definition);
  if (definition.name !== module.id) throw new WorkflowModuleError(`Workflow module "${module.id}" has a definition named "${definition.name}"; they must be the same.`);
  if (module.phases.length === 0) throw new WorkflowModuleError(`Workflow module "${module.id}" has no phases.`);
  const steps = definition.steps.map((step) => step.name);
  const phased = module.phases.flatMap((phase) => phase.steps);
  const stray = phased.filter((step) => !steps.includes(step));
  if (stray.length > 0) throw new WorkflowModuleError(`Workflow module "${module.id}" puts steps it does not define in its phases: ${stray.join(', ')}.`);
  const twice = phased.filter((step, index) => phased.indexOf(step) !== index);
  if (twice.length > 0) throw new WorkflowModuleError(`Workflow module "${module.id}" puts a step in two phases: ${[...new Set(twice)].join(', ')}.`);
  const unphased = steps.filter((step) => !phased.includes(step));
  if (unphased.length > 0) throw new WorkflowModuleError(`Workflow module "${module.id}" leaves steps out of its phases: ${unphased.join(', ')}.`);
  const ids = module.phases.map((phase) => phase.id);
  if (ids.some((id) => id === 'done' || id === 'failed' || id === 'queued')) throw new WorkflowModuleError(`Workflow module "${module.id}" names a phase "done", "failed" or "queued"; those are how any workflow ends or waits.`);
  if (new Set(ids).size !== ids.length) throw new WorkflowModuleError(`Workflow module "${module.id}" has two phases with the same id.`);
}
