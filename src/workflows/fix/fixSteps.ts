// Registers the fix workflow's step handlers, each healed by the retry ladder as the feature's are.
// Refactor and the Board's review are the feature workflow's own: the same gates, the same rollback.
import type { HealingOptions } from '../../core/healing/healingStepHandler';
import type { StepHandlers } from '../../core/orchestrator/stepHandler';
import { healed } from '../feature/featureSteps';
import type { FeatureDependencies } from '../feature/featureWorkflow';
import { refactorStep } from '../feature/refactorStep';
import { reviewStep } from '../feature/reviewStep';
import { fixGreenStep } from './fixGreenStep';
import { fixRedStep } from './fixRedStep';

export function registerFixSteps(handlers: StepHandlers, deps: FeatureDependencies, healing: HealingOptions): StepHandlers {
  return handlers
    .register('fix.red', healed(fixRedStep(deps), healing))
    .register('fix.green', healed(fixGreenStep(deps), healing))
    .register('fix.refactor', healed(refactorStep(deps), healing))
    .register('fix.review', healed(reviewStep(deps), healing));
}
