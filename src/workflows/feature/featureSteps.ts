// Registers the feature workflow's step handlers, built over the same dependencies, each healed by
// the retry ladder (withHealing): detectors stop an attempt in trouble, failures climb the ladder,
// and the step's writes are guarded against being applied twice after a crash.
import type { HealingOptions } from '../../core/healing/healingStepHandler';
import type { StepHandlers } from '../../core/orchestrator/stepHandler';
import { healed } from '../../superpowers/tdd/healedStep';
import type { TddStepDependencies } from '../../superpowers/tdd/stepDependencies';
import { greenStep } from './greenStep';
import { planReviewStep, planStep } from './planSteps';
import { redStep } from './redStep';
import { refactorStep } from '../../superpowers/tdd/refactorStep';
import { reviewStep } from '../../superpowers/tdd/reviewStep';

export function registerFeatureSteps(handlers: StepHandlers, deps: TddStepDependencies, healing: HealingOptions): StepHandlers {
  return handlers
    .register('tdd.plan', healed(planStep(deps), healing))
    .register('tdd.planReview', healed(planReviewStep(deps), healing))
    .register('tdd.red', healed(redStep(deps), healing))
    .register('tdd.green', healed(greenStep(deps), healing))
    .register('tdd.refactor', healed(refactorStep(deps), healing))
    .register('tdd.review', healed(reviewStep(deps), healing));
}
