// A step handler under the self-healing layer's retry ladder (withHealing): detectors stop an attempt
// in trouble, failures climb the ladder, and the step's writes are guarded against being applied
// twice after a crash. Every workflow module registers its steps through it.
import { type HealingOptions, withHealing } from '../../core/healing/healingStepHandler';
import type { HealableStepHandler } from '../../core/healing/recoveryHint';
import { TerminalStepError, type StepHandler } from '../../core/orchestrator/stepHandler';
import { ModelError, type ModelErrorCode } from '../../core/ports';

/** A step handler under the retry ladder, ending the workflow on a model refusal no retry can mend. */
export function healed(handler: HealableStepHandler, healing: HealingOptions): StepHandler {
  return withHealing(finalOnModelRefusal(handler), healing);
}

/**
 * A key that is missing or refused, or a request the endpoint rejects, will not change however often
 * the step runs again: the workflow ends, saying so, for a person to fix the configuration. (A rate
 * limit that outlasted the client's own retries is a model error the ladder retries with backoff.)
 */
const FINAL_MODEL_ERRORS: ReadonlySet<ModelErrorCode> = new Set(['missing-key', 'auth', 'bad-request']);

function finalOnModelRefusal(handler: HealableStepHandler): HealableStepHandler {
  return {
    run: (input, context, hint) =>
      handler.run(input, context, hint).catch((error: unknown) => {
        if (error instanceof ModelError && FINAL_MODEL_ERRORS.has(error.code)) throw new TerminalStepError(error.message);
        throw error;
      }),
  };
}
