// A step handler that heals: it runs the wrapped handler, stops an attempt a detector flags (a
// stall, a doom loop, ping-pong, a budget) or that outlasts its time, and climbs the retry ladder
// for the kind of failure: retry with backoff, retry with less context and a summary of the
// failure, the fallback model, the Board, a person (retry, skip, edit the request, abort). Every
// step of the climb is a 'healing' event.
//
// Retries are split between the ladder and the engine. Every failure an attempt reports is the
// ladder's to heal, and when the ladder ends (used up, a person aborts, no one to ask) the step
// fails with a TerminalStepError, so the engine does not run the whole climb again. The engine's
// own retry count is left for what the ladder cannot see: a process that died mid-step, whose
// orphaned attempt the engine counts and runs again on recovery (the replay guard first takes
// back what it wrote). A TerminalStepError from the handler (a Board veto) skips the ladder.
import type { HealingEvent } from '../../shared/events';
import { type StepContext, type StepHandler, type StepResult, TerminalStepError } from '../orchestrator/stepHandler';
import { type Approvals, type Clock, ModelError } from '../ports';
import type { BoardAdvice, BoardAdvisor } from './boardAdvisor';
import type { Detection } from './detection';
import type { HealingMonitor } from './healingMonitor';
import type { ReplayGuard } from './replayGuard';
import { type HealableStepHandler, type RecoveryHint, StepFailure } from './recoveryHint';
import { DEFAULT_LADDER, LadderClimb, type LadderFailure, type LadderPolicy } from './retryLadder';
import type { FallbackControl } from './watchedModelClient';

export interface HealingOptions {
  readonly clock: Clock;
  /** Default DEFAULT_LADDER. */
  readonly policy?: LadderPolicy;
  /** Its detections stop the attempt they concern. */
  readonly monitor?: HealingMonitor;
  readonly fallback?: FallbackControl;
  readonly board?: BoardAdvisor;
  /** Who is asked at the top of the ladder; without it, reaching a person ends the step saying what they would decide. */
  readonly approvals?: Approvals;
  /** Rolls back what an attempt cut off by a crash wrote, before the step runs again. */
  readonly replayGuard?: ReplayGuard;
  /** An attempt still running after this long is stopped and counted as a timeout. */
  readonly attemptTimeoutMs?: number;
}

/** What a person is offered when the ladder reaches them. */
export const ESCALATION_OPTIONS = ['retry', 'skip', 'edit', 'abort'] as const;

/** A person ended the step: final, like any end of the ladder. */
export class HealingAbortedError extends TerminalStepError {}

/** The wrapped handler, healed. */
export function withHealing(handler: HealableStepHandler, options: HealingOptions): StepHandler {
  return { run: (input, context) => new LadderRun(handler, options, input, context).run() };
}

/** Why an attempt was stopped from outside the handler. */
class AttemptStopped extends Error {
  constructor(
    readonly failure: LadderFailure,
    message: string,
  ) {
    super(message);
  }
}

type Attempted = { readonly ok: true; readonly result: StepResult | void } | { readonly ok: false; readonly failure: LadderFailure; readonly summary: string };
type Decision = { readonly kind: 'again' } | { readonly kind: 'skip'; readonly result: StepResult };

class LadderRun {
  private attempt = 1;
  private contextScale = 1;
  private guidance: string | undefined;
  private editedRequest: string | undefined;
  private onFallback = false;
  private readonly climb: LadderClimb;

  constructor(
    private readonly handler: HealableStepHandler,
    private readonly options: HealingOptions,
    private readonly input: Readonly<Record<string, unknown>>,
    private readonly context: StepContext,
  ) {
    this.climb = new LadderClimb(options.policy ?? DEFAULT_LADDER, { fallbackModel: options.fallback?.available ?? false, board: options.board !== undefined });
  }

  run(): Promise<StepResult | void> {
    const guard = this.options.replayGuard;
    return guard ? guard.run(this.context, () => this.untilDone()) : this.untilDone();
  }

  private async untilDone(): Promise<StepResult | void> {
    let hint: RecoveryHint | undefined;
    let last: Extract<Attempted, { ok: false }> | undefined;
    try {
      for (;;) {
        const attempted = await this.tryOnce(hint);
        if (attempted.ok) {
          if (last) this.event({ action: 'recovered', failure: last.failure, attempt: this.attempt, summary: `step "${this.context.step}" succeeded on attempt ${this.attempt}` });
          return attempted.result;
        }
        last = attempted;
        const decision = await this.decide(attempted);
        if (decision.kind === 'skip') return decision.result;
        this.attempt++;
        hint = {
          attempt: this.attempt,
          failure: attempted.failure,
          summary: attempted.summary,
          contextScale: this.contextScale,
          ...(this.guidance !== undefined && { guidance: this.guidance }),
          ...(this.editedRequest !== undefined && { editedRequest: this.editedRequest }),
        };
      }
    } finally {
      if (this.onFallback) this.options.fallback?.release(this.context.workflowId);
    }
  }

  /** Climbs until there is another attempt to make, the step is skipped, or it ends (throws). */
  private async decide(failed: Extract<Attempted, { ok: false }>): Promise<Decision> {
    const { failure, summary } = failed;
    const next = this.attempt + 1;
    for (;;) {
      const action = this.climb.next(failure);
      switch (action.kind) {
        case 'retry':
          this.event({ action: 'retry', failure, attempt: next, delayMs: action.delayMs, summary: `retrying in ${action.delayMs} ms after: ${summary}` });
          await this.options.clock.sleep(action.delayMs, this.context.signal);
          return { kind: 'again' };
        case 'reduce-context':
          this.contextScale *= action.contextScale;
          this.event({ action: 'reduce-context', failure, attempt: next, summary: `retrying with ${Math.round(this.contextScale * 100)}% of the context and a summary of the failure: ${summary}` });
          return { kind: 'again' };
        case 'fallback-model':
          this.options.fallback?.use(this.context.workflowId);
          this.onFallback = true;
          this.event({ action: 'fallback-model', failure, attempt: next, summary: `retrying with the fallback model after: ${summary}` });
          return { kind: 'again' };
        case 'ask-board': {
          const advice = await this.askBoard(failure, summary);
          if (advice.decision === 'retry') {
            this.guidance = advice.guidance;
            this.event({ action: 'ask-board', failure, attempt: next, choice: 'retry', summary: `the Board advises another attempt: ${firstLine(advice.guidance)}` });
            return { kind: 'again' };
          }
          this.event({ action: 'ask-board', failure, choice: 'escalate', summary: `the Board hands the decision on: ${advice.reasons}` });
          continue;
        }
        case 'ask-human': {
          const decided = await this.askPerson(failure, summary);
          if (decided) return decided;
          continue;
        }
        case 'give-up': {
          const reason = `step "${this.context.step}" failed ${this.attempt} time(s) and its ${failure} ladder is used up: ${summary}`;
          this.event({ action: 'gave-up', failure, summary: reason });
          throw new TerminalStepError(reason);
        }
      }
    }
  }

  /** The Board's advice; a Board that cannot answer (its model fails) hands the decision on. */
  private async askBoard(failure: LadderFailure, summary: string): Promise<BoardAdvice> {
    const board = this.options.board;
    if (!board) return { decision: 'escalate', reasons: 'there is no Board to ask' };
    try {
      return await board.advise({ workflowId: this.context.workflowId, step: this.context.step, failure, summary, attempts: this.attempt }, this.context.signal);
    } catch (error) {
      if (this.context.signal.aborted) throw error;
      return { decision: 'escalate', reasons: `the Board could not answer (${error instanceof Error ? error.message : String(error)})` };
    }
  }

  /** Undefined when the person chose to edit but gave no new request: they are asked again. */
  private async askPerson(failure: LadderFailure, summary: string): Promise<Decision | undefined> {
    const question = `Step "${this.context.step}" failed ${this.attempt} time(s) (${failure}): ${summary}`;
    const approvals = this.options.approvals;
    if (!approvals) {
      const reason = `${question.replace(/[.\s]+$/, '')}. A person must decide whether to retry it, skip it, edit the request or abort the workflow, and no one can be asked here.`;
      this.event({ action: 'gave-up', failure, summary: reason });
      throw new TerminalStepError(reason);
    }
    // Said before the wait: a person may take a while, and the views show who is being waited for.
    this.event({ action: 'ask-human', failure, summary: `asking a person: retry, skip, edit the request or abort (${firstLine(summary)})` });
    const answer = await approvals.request({ kind: 'escalation', workflowId: this.context.workflowId, reason: question, options: ESCALATION_OPTIONS }, this.context.signal);
    const choice = answer.approved ? (answer.choice ?? 'retry') : 'abort';
    const next = this.attempt + 1;
    switch (choice) {
      case 'retry':
        this.event({ action: 'ask-human', failure, attempt: next, choice, summary: `a person chose another attempt${answer.note ? `: ${firstLine(answer.note)}` : ''}` });
        return { kind: 'again' };
      case 'edit': {
        const request = answer.note?.trim();
        if (!request) {
          this.event({ action: 'ask-human', failure, choice, summary: 'a person chose to edit the request but gave none; asking again' });
          return undefined;
        }
        this.editedRequest = request;
        this.event({ action: 'ask-human', failure, attempt: next, choice, summary: `a person rewrote the request: ${firstLine(request)}` });
        return { kind: 'again' };
      }
      case 'skip':
        this.event({ action: 'skip', failure, choice, summary: `a person skipped step "${this.context.step}" after: ${summary}` });
        return { kind: 'skip', result: { output: { skipped: true, reason: summary } } };
      default: {
        const reason = `a person aborted step "${this.context.step}"${answer.note ? ` (${firstLine(answer.note)})` : ''} after: ${summary}`;
        this.event({ action: 'abort', failure, choice: String(choice), summary: reason });
        throw new HealingAbortedError(reason);
      }
    }
  }

  private async tryOnce(hint: RecoveryHint | undefined): Promise<Attempted> {
    const stop = new AbortController();
    const signal = AbortSignal.any([this.context.signal, stop.signal]);
    const stopFor = (detection: Detection) => stop.abort(new AttemptStopped(detection.kind as LadderFailure, detection.summary));
    const { monitor } = this.options;
    const unwatch = monitor?.onDetection((detection) => {
      if (!concerns(detection, this.context)) return false;
      stopFor(detection);
      return true;
    });
    // One may have come before this attempt watched (between the task's start and now).
    const missed = monitor?.takeUntaken(this.context.workflowId, this.context.taskId);
    if (missed && concerns(missed, this.context)) stopFor(missed);
    const timer = new AbortController();
    const { attemptTimeoutMs } = this.options;
    if (attemptTimeoutMs !== undefined) {
      this.options.clock.sleep(attemptTimeoutMs, timer.signal).then(
        () => stop.abort(new AttemptStopped('timeout', `the attempt took longer than ${attemptTimeoutMs} ms`)),
        () => undefined,
      );
    }
    try {
      const running = Promise.resolve().then(() => this.handler.run(this.input, { ...this.context, signal }, hint));
      // A handler that ignores its signal is not waited for; whatever it does later is ignored.
      running.catch(() => undefined);
      const stopped = new Promise<never>((_resolve, reject) => {
        if (signal.aborted) reject(signal.reason);
        else signal.addEventListener('abort', () => reject(signal.reason), { once: true });
      });
      return { ok: true, result: await Promise.race([running, stopped]) };
    } catch (error) {
      // The engine stopping the task (cancel, pause, shutdown, its own timeout) is not the ladder's to heal,
      // and a failure the handler calls final (a veto) is not either.
      if (this.context.signal.aborted || (error instanceof TerminalStepError && !stop.signal.aborted)) throw error;
      return { ok: false, ...classify(stop.signal.aborted ? stop.signal.reason : error) };
    } finally {
      unwatch?.();
      timer.abort();
    }
  }

  private event(event: Omit<HealingEvent, 'type' | 'seq' | 'at' | 'workflowId' | 'taskId'>): void {
    this.context.emit({ type: 'healing', workflowId: this.context.workflowId, taskId: this.context.taskId, ...event });
  }
}

/** Whether a detection is about this attempt; a deadlock has no attempt running to stop. */
function concerns(detection: Detection, context: StepContext): boolean {
  if (detection.kind === 'deadlock' || detection.workflowId !== context.workflowId) return false;
  return detection.taskId === undefined || detection.taskId === context.taskId;
}

function classify(error: unknown): { failure: LadderFailure; summary: string } {
  if (error instanceof AttemptStopped || error instanceof StepFailure) return { failure: error.failure, summary: error.message };
  if (error instanceof ModelError) return { failure: 'model-error', summary: error.message };
  return { failure: 'step-failed', summary: error instanceof Error ? error.message : String(error) };
}

function firstLine(text: string): string {
  const line = text.split('\n')[0] ?? '';
  return line.length > 200 ? `${line.slice(0, 197)}...` : line;
}

