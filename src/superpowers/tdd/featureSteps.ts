// Registers the feature workflow's step handlers, built over the same dependencies.
import { TerminalStepError, type StepHandler, type StepHandlers } from '../../core/orchestrator/stepHandler';
import { ModelError, type ModelErrorCode } from '../../core/ports';
import type { FeatureDependencies } from './featureWorkflow';
import { greenStep } from './greenStep';
import { planReviewStep, planStep } from './planSteps';
import { redStep } from './redStep';
import { refactorStep } from './refactorStep';
import { reviewStep } from './reviewStep';

export function registerFeatureSteps(handlers: StepHandlers, deps: FeatureDependencies): StepHandlers {
  return handlers
    .register('tdd.plan', finalOnModelRefusal(planStep(deps)))
    .register('tdd.planReview', finalOnModelRefusal(planReviewStep(deps)))
    .register('tdd.red', finalOnModelRefusal(redStep(deps)))
    .register('tdd.green', finalOnModelRefusal(greenStep(deps)))
    .register('tdd.refactor', finalOnModelRefusal(refactorStep(deps)))
    .register('tdd.review', finalOnModelRefusal(reviewStep(deps)));
}

/**
 * The model client has already retried what retrying can fix; a missing or refused key, a rate limit
 * that outlasted its retries, or a request the endpoint rejects will not change if the step runs
 * again, so the step's own retry (kept for a process that died mid-step) is not spent on them.
 */
const FINAL_MODEL_ERRORS: ReadonlySet<ModelErrorCode> = new Set(['missing-key', 'auth', 'rate-limited', 'bad-request']);

function finalOnModelRefusal(handler: StepHandler): StepHandler {
  return {
    run: (input, context) =>
      handler.run(input, context).catch((error: unknown) => {
        if (error instanceof ModelError && FINAL_MODEL_ERRORS.has(error.code)) throw new TerminalStepError(error.message);
        throw error;
      }),
  };
}
