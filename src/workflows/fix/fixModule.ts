// The fix workflow as a module: tests that already fail made to pass (red gates them, CodeBot
// changes the code with the tests locked and every passing test kept passing, refactor, the Board
// on the change), over the dependencies the runtime gives it.
import { StepMemory } from '../../superpowers/tdd/stepMemory';
import type { WorkflowModule } from '../workflowModule';
import { buildFixReport } from './fixReport';
import { registerFixSteps } from './fixSteps';
import { DEFAULT_FIX_REQUEST, FIX_OUTLINE, FIX_WORKFLOW } from './fixWorkflow';
import { targetsOf } from './fixTargets';

export const fixModule: WorkflowModule = {
  ...FIX_OUTLINE,
  description:
    'Makes tests that already fail pass: the named tests (ids or files) or every failing test of the folder. Red checks they fail for a reason the code can fix; CodeBot changes only non-test files until they pass and every test that passed before still passes; then refactor and the Board review the change.',
  definition: FIX_WORKFLOW,
  input({ request, tests, target }) {
    const text = request.trim();
    const targets = targetsOf([...(tests ?? []), ...(target?.testId !== undefined ? [target.testId] : [])]);
    return { request: text === '' ? DEFAULT_FIX_REQUEST : text, targets: { testIds: [...targets.testIds], files: [...targets.files] }, ...(target && { target }) };
  },
  registerSteps(handlers, deps, healing) {
    const { model, workspace, undo, tests, board, limits, logger, skills, superpowers, agents } = deps;
    registerFixSteps(handlers, { model, workspace, undo, tests, board, limits, logger, agents, ...(skills && { skills }), superpowers, memory: new StepMemory(deps.workflowMemory, deps.learned, logger) }, healing);
  },
  report: buildFixReport,
};
