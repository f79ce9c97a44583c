// The options that choose what `imperium run` starts: the workflow module, by id, and the tests it
// is about. The module checks the request; what it cannot start from is a usage error (exit 2).
import type { JsonObject } from '../core/orchestrator/workflowState';
import type { WorkflowDefinitionInput } from '../core/orchestrator/workflowDefinition';
import { builtInModules, DEFAULT_WORKFLOW } from '../runtime/workflowCatalog';
import { ModuleInputError } from '../runtime/workflowCatalog';
import { UnknownWorkflowError } from '../runtime/workflowCatalog';
import { UsageError } from './cliCommand';

export const WORKFLOW_OPTIONS = {
  workflow: { type: 'string', default: DEFAULT_WORKFLOW },
  test: { type: 'string', multiple: true },
} as const;

export const WORKFLOW_USAGE = `Workflow options:
  --workflow <id>        The workflow to run (default ${DEFAULT_WORKFLOW}), one of:
${builtInModules()
  .list()
  .map((module) => `                           ${module.id}: ${module.title}`)
  .join('\n')}
  --test <id|file>       A test the request is about, by id (file::suite > title) or a test file;
                         repeat for more. The fix workflow fixes these (default: every failing test).`;

export interface WorkflowStart {
  readonly id: string;
  readonly definition: WorkflowDefinitionInput;
  readonly input: JsonObject;
}

/** The module to start and its input, from the options and the request; a UsageError for what it cannot start from. */
export function workflowStart(values: { readonly workflow?: string; readonly test?: readonly string[] }, request: string): WorkflowStart {
  try {
    const module = builtInModules().get(values.workflow ?? DEFAULT_WORKFLOW);
    return { id: module.id, definition: module.definition, input: module.input({ workflow: module.id, request, ...(values.test?.length && { tests: values.test }) }) };
  } catch (error) {
    if (error instanceof UnknownWorkflowError || error instanceof ModuleInputError) throw new UsageError(error.message);
    throw error;
  }
}
