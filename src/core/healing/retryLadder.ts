// The retry ladder: for each kind of failure, the steps to try in order, each a given number of
// times: retry with backoff; retry with less context and a summary of the failure; switch to the
// fallback model; ask the Board; ask a person. Steps whose means are missing (no fallback model,
// no Board) are passed over. Pure: it says what to do next, the handler does it.
import type { HealingFailure } from '../../shared/events';

export type LadderFailure = Exclude<HealingFailure, 'deadlock' | 'interrupted'>;

export type Rung =
  | { readonly kind: 'retry'; readonly times: number; readonly delayMs: number; readonly maxDelayMs?: number }
  | { readonly kind: 'reduce-context'; readonly times: number; readonly contextScale: number }
  | { readonly kind: 'fallback-model'; readonly times: number }
  /** Asked once per kind of failure: a second answer to the same question adds nothing. */
  | { readonly kind: 'ask-board' }
  /** Asked every time it is reached: the person decides whether there is another attempt. */
  | { readonly kind: 'ask-human' };

export type LadderPolicy = Readonly<Record<LadderFailure, readonly Rung[]>>;

export const DEFAULT_LADDER: LadderPolicy = {
  'model-error': [{ kind: 'retry', times: 2, delayMs: 2_000, maxDelayMs: 30_000 }, { kind: 'fallback-model', times: 1 }, { kind: 'ask-human' }],
  timeout: [{ kind: 'retry', times: 1, delayMs: 1_000 }, { kind: 'reduce-context', times: 1, contextScale: 0.5 }, { kind: 'fallback-model', times: 1 }, { kind: 'ask-human' }],
  stall: [{ kind: 'retry', times: 1, delayMs: 1_000 }, { kind: 'reduce-context', times: 1, contextScale: 0.5 }, { kind: 'ask-human' }],
  // Doing the same again would loop again: change what the agent sees, then who answers.
  'doom-loop': [{ kind: 'reduce-context', times: 1, contextScale: 0.5 }, { kind: 'fallback-model', times: 1 }, { kind: 'ask-board' }, { kind: 'ask-human' }],
  // Two agents disagree about the same lines: someone above them has to decide.
  'ping-pong': [{ kind: 'ask-board' }, { kind: 'ask-human' }],
  // Spending more is a person's call.
  budget: [{ kind: 'ask-human' }],
  'step-failed': [
    { kind: 'retry', times: 1, delayMs: 1_000 },
    { kind: 'reduce-context', times: 1, contextScale: 0.5 },
    { kind: 'fallback-model', times: 1 },
    { kind: 'ask-board' },
    { kind: 'ask-human' },
  ],
};

export type LadderAction =
  | { readonly kind: 'retry'; readonly delayMs: number }
  | { readonly kind: 'reduce-context'; readonly contextScale: number }
  | { readonly kind: 'fallback-model' }
  | { readonly kind: 'ask-board' }
  | { readonly kind: 'ask-human' }
  | { readonly kind: 'give-up' };

/**
 * Which means exist; a rung that needs a missing one is passed over. A person is always a rung:
 * when there is no one to ask, reaching them ends the step saying what they would have to decide.
 */
export interface LadderMeans {
  readonly fallbackModel: boolean;
  readonly board: boolean;
}

/** Where one step's climb stands, per kind of failure. */
export class LadderClimb {
  private readonly positions = new Map<LadderFailure, { rung: number; used: number }>();

  constructor(
    private readonly policy: LadderPolicy,
    private readonly means: LadderMeans,
  ) {
    for (const [failure, rungs] of Object.entries(policy)) {
      for (const rung of rungs) {
        if ('times' in rung && (!Number.isInteger(rung.times) || rung.times < 1)) throw new RangeError(`The ${failure} ladder's ${rung.kind} step must be tried 1 or more times, not ${rung.times}.`);
        if (rung.kind === 'retry' && !(rung.delayMs >= 0)) throw new RangeError(`The ${failure} ladder's retry delay must be >= 0 ms, not ${rung.delayMs}.`);
        if (rung.kind === 'reduce-context' && !(rung.contextScale > 0 && rung.contextScale < 1)) throw new RangeError(`The ${failure} ladder's context scale must be between 0 and 1, not ${rung.contextScale}.`);
      }
    }
  }

  /** The next thing to do about a failure of this kind. */
  next(failure: LadderFailure): LadderAction {
    const rungs = this.policy[failure];
    const position = this.positions.get(failure) ?? { rung: 0, used: 0 };
    this.positions.set(failure, position);
    for (;;) {
      const rung = rungs[position.rung];
      if (!rung) return { kind: 'give-up' };
      if (!this.usable(rung) || position.used >= timesOf(rung)) {
        position.rung++;
        position.used = 0;
        continue;
      }
      position.used++;
      switch (rung.kind) {
        case 'retry':
          return { kind: 'retry', delayMs: Math.min(rung.delayMs * 2 ** (position.used - 1), rung.maxDelayMs ?? Number.POSITIVE_INFINITY) };
        case 'reduce-context':
          return { kind: 'reduce-context', contextScale: rung.contextScale };
        default:
          return { kind: rung.kind };
      }
    }
  }

  private usable(rung: Rung): boolean {
    if (rung.kind === 'fallback-model') return this.means.fallbackModel;
    if (rung.kind === 'ask-board') return this.means.board;
    return true;
  }
}

function timesOf(rung: Rung): number {
  if (rung.kind === 'ask-board') return 1;
  if (rung.kind === 'ask-human') return Number.POSITIVE_INFINITY;
  return rung.times;
}
