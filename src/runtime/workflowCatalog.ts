// What hosts (the editor, the CLI, the gateway) know of workflow modules: the built-in registry,
// the default module, the errors a request can meet, the report and the limits. Hosts reach the
// modules only through the runtime, so a new module needs no host change.
export { builtInModules, DEFAULT_WORKFLOW } from '../workflows/builtInModules';
export { DEFAULT_WORKFLOW_LIMITS, type WorkflowLimits } from '../shared/workflowLimits';
export { ModuleInputError, type WorkflowModule } from '../workflows/workflowModule';
export { UnknownWorkflowError, type WorkflowModules } from '../workflows/workflowModules';
export type { WorkflowReport } from '../workflows/workflowReport';
