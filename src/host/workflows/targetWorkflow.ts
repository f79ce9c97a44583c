// Which workflow module a code lens or "Implement with agents" starts on a target: a failing test
// already exists, so the fix workflow makes it pass; a stub or a TODO gets the default (feature),
// which writes the tests first. The lens's tooltip and the command read the same choice, from the
// modules' outlines: the lens shows at activation, before any module's step handlers load.
import { DEFAULT_WORKFLOW } from '../../runtime/defaultWorkflow';
import { type ModuleOutline, TARGET_MODULE_OUTLINES } from '../../runtime/targetModules';
import type { ImplementTarget } from '../../shared/implementTarget';

const FIX_WORKFLOW = 'fix';

export function workflowForTarget(target: Pick<ImplementTarget, 'kind'>): string {
  return target.kind === 'failing-test' ? FIX_WORKFLOW : DEFAULT_WORKFLOW;
}

/** The module that would run on the target, for what the lens says it does. */
export function moduleForTarget(target: Pick<ImplementTarget, 'kind'>): ModuleOutline {
  const id = workflowForTarget(target);
  const outline = TARGET_MODULE_OUTLINES.find((candidate) => candidate.id === id);
  if (!outline) throw new Error(`No outline of the workflow module "${id}" in src/runtime/targetModules.ts`);
  return outline;
}
