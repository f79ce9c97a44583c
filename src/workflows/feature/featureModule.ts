// The feature workflow as a module: a request implemented test-first (plan and the Board on it,
// red, green, refactor, the Board on the change), over the dependencies the runtime gives it.
import type { WorkflowModule } from '../workflowModule';
import { ModuleInputError } from '../workflowModule';
import { StepMemory } from '../../superpowers/tdd/stepMemory';
import { buildFeatureReport } from './featureReport';
import { registerFeatureSteps } from './featureSteps';
import { FEATURE_OUTLINE, FEATURE_WORKFLOW } from './featureWorkflow';

export const featureModule: WorkflowModule = {
  ...FEATURE_OUTLINE,
  description:
    'Implements a request test-first: the Product Owner writes acceptance criteria and the Board reviews them, TestBot writes tests that must fail for the right reason, CodeBot makes them pass without touching them and refactors, and the Board reviews the change.',
  definition: FEATURE_WORKFLOW,
  input({ request, target }) {
    const text = request.trim();
    if (text === '') throw new ModuleInputError('The request is empty: say what the agents should build.');
    return { request: text, ...(target && { target }) };
  },
  registerSteps(handlers, deps, healing) {
    const { model, workspace, undo, tests, board, limits, logger, skills, superpowers, agents } = deps;
    registerFeatureSteps(handlers, { model, workspace, undo, tests, board, limits, logger, agents, ...(skills && { skills }), superpowers, memory: new StepMemory(deps.workflowMemory, deps.learned, logger) }, healing);
  },
  report: buildFeatureReport,
};
