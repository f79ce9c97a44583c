// A workflow module: everything one kind of workflow is, in one folder under src/workflows/: its id
// and the words a person reads, its definition (data the engine runs), the phases a person sees,
// the step handlers its definition names, the input it starts from and the report it ends with.
// The runtime registers every module's handlers on one engine; hosts start a workflow by module id.
import type { HealingOptions } from '../core/healing/healingStepHandler';
import type { StepHandlers } from '../core/orchestrator/stepHandler';
import type { WorkflowDefinitionInput } from '../core/orchestrator/workflowDefinition';
import type { JsonObject } from '../core/orchestrator/workflowState';
import type { WorkflowPhaseInfo } from '../shared/workflowPhase';
import type { WorkflowRequest } from '../shared/workflowRequest';
import type { ModuleDependencies } from './moduleDependencies';
import type { WorkflowReport, WorkflowReportInput } from './workflowReport';

export interface WorkflowModule {
  /** Stable and short ('feature', 'fix'): what `--workflow`, host requests and views name; the definition's name. */
  readonly id: string;
  /** A few words for pickers and lists, e.g. 'Feature (test-first)'. */
  readonly title: string;
  /** One or two sentences: what the workflow does, for `imperium workflows` and the palette. */
  readonly description: string;
  readonly definition: WorkflowDefinitionInput;
  /** The phases a person sees, in order; every step of the definition belongs to exactly one. */
  readonly phases: readonly WorkflowPhaseInfo[];
  /**
   * The workflow's input from a person's request, checked: throws ModuleInputError, with a message
   * a person can act on, for a request this module cannot work from.
   */
  input(request: WorkflowRequest): JsonObject;
  /** Registers the handlers its definition names, each healed by the retry ladder. */
  registerSteps(handlers: StepHandlers, deps: ModuleDependencies, healing: HealingOptions): void;
  /** The report of one of its workflows once it has ended. */
  report(input: WorkflowReportInput): WorkflowReport;
}

/**
 * What a person is told of a module before it runs (the code lens's tooltip), kept in its
 * definition's file, apart from the step handlers, so that telling it loads none of them.
 */
export type ModuleOutline = Pick<WorkflowModule, 'id' | 'title' | 'phases'>;

/** A request a module cannot start from (empty, or missing what it needs), said so a person can fix it. */
export class ModuleInputError extends Error {
  override readonly name = 'ModuleInputError';
}
