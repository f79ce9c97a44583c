// The workflow modules that ship with Imperium Flow. Adding a module is a folder under
// src/workflows/ and a line here; no engine, runtime or view code changes.
import { deployModule } from './deploy/deployModule';
import { designModule } from './design/designModule';
import { featureModule } from './feature/featureModule';
import { fixModule } from './fix/fixModule';
import { integrationModule } from './integration/integrationModule';
import type { WorkflowModule } from './workflowModule';
import { WorkflowModules } from './workflowModules';

export const BUILT_IN_MODULES: readonly WorkflowModule[] = [featureModule, fixModule, designModule, integrationModule, deployModule];

export { DEFAULT_WORKFLOW } from './defaultWorkflow';

export function builtInModules(): WorkflowModules {
  return new WorkflowModules(BUILT_IN_MODULES);
}
