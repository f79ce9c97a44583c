// Which workflow module a code lens or "Implement with agents" starts on a target: a failing test
// already exists, so the fix workflow makes it pass; a stub or a TODO gets the default (feature),
// which writes the tests first. The lens's tooltip and the command read the same choice.
import { builtInModules, DEFAULT_WORKFLOW, type WorkflowModule } from '../../runtime/workflowCatalog';
import type { ImplementTarget } from '../../shared/implementTarget';

export const FIX_WORKFLOW = 'fix';

export function workflowForTarget(target: Pick<ImplementTarget, 'kind'>): string {
  return target.kind === 'failing-test' ? FIX_WORKFLOW : DEFAULT_WORKFLOW;
}

/** The module that would run on the target, for what the lens says it does. */
export function moduleForTarget(target: Pick<ImplementTarget, 'kind'>): Pick<WorkflowModule, 'id' | 'title' | 'phases'> {
  return builtInModules().get(workflowForTarget(target));
}
