// What a step handler is told when the retry ladder runs it again, and how it can say what kind of
// failure it had. A handler that ignores the hint still works; one that reads it does better.
import type { HealingFailure } from '../../shared/events';
import type { StepContext, StepResult } from '../orchestrator/stepHandler';

export interface RecoveryHint {
  /** 2 for the first retry. */
  readonly attempt: number;
  /** What went wrong last time. */
  readonly failure: HealingFailure;
  /** What went wrong last time, for the agent's prompt. */
  readonly summary: string;
  /** The share of the usual context budget to use: 1, or less once the ladder reduced it. */
  readonly contextScale: number;
  /** The Board's advice for this attempt. */
  readonly guidance?: string;
  /** The request as a person rewrote it when asked. */
  readonly editedRequest?: string;
}

/** A StepHandler that can take a hint; a plain StepHandler is one that ignores it. */
export interface HealableStepHandler {
  run(input: Readonly<Record<string, unknown>>, context: StepContext, hint?: RecoveryHint): Promise<StepResult | void>;
}

/** Thrown by a step handler to say what kind of failure it had; other errors count as 'step-failed'. */
export class StepFailure extends Error {
  override readonly name = 'StepFailure';
  constructor(
    readonly failure: Exclude<HealingFailure, 'deadlock' | 'interrupted'>,
    message: string,
  ) {
    super(message);
  }
}
