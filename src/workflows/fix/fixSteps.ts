// Registers the fix workflow's step handlers, each healed by the retry ladder as the feature's are.
// Refactor and the Board's review are the shared test-first steps (src/superpowers/tdd/), as in the
// feature workflow: the same gates, the same rollback.
import type { HealingOptions } from '../../core/healing/healingStepHandler';
import type { StepHandlers } from '../../core/orchestrator/stepHandler';
import { healed } from '../../superpowers/tdd/healedStep';
import type { TddStepDependencies } from '../../superpowers/tdd/stepDependencies';
import { refactorStep } from '../../superpowers/tdd/refactorStep';
import { reviewStep } from '../../superpowers/tdd/reviewStep';
import { fixGreenStep } from './fixGreenStep';
import { fixRedStep } from './fixRedStep';

export function registerFixSteps(handlers: StepHandlers, deps: TddStepDependencies, healing: HealingOptions): StepHandlers {
  return handlers
    .register('fix.red', healed(fixRedStep(deps), healing))
    .register('fix.green', healed(fixGreenStep(deps), healing))
    .register('fix.refactor', healed(refactorStep(deps), healing))
    .register('fix.review', healed(reviewStep(deps), healing));
}
