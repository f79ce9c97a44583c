// Registers the feature workflow's step handlers, built over the same dependencies.
import type { StepHandlers } from '../../core/orchestrator/stepHandler';
import type { FeatureDependencies } from './featureWorkflow';
import { greenStep } from './greenStep';
import { planReviewStep, planStep } from './planSteps';
import { redStep } from './redStep';
import { refactorStep } from './refactorStep';
import { reviewStep } from './reviewStep';

export function registerFeatureSteps(handlers: StepHandlers, deps: FeatureDependencies): StepHandlers {
  return handlers
    .register('tdd.plan', planStep(deps))
    .register('tdd.planReview', planReviewStep(deps))
    .register('tdd.red', redStep(deps))
    .register('tdd.green', greenStep(deps))
    .register('tdd.refactor', refactorStep(deps))
    .register('tdd.review', reviewStep(deps));
}
