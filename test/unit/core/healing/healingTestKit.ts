// Shared by the healing tests: engine events built with only the fields that matter, a clock test
// double whose sleeps return at once (it records them and moves its time on), and step contexts.
import type { StepContext } from '../../../../src/core/orchestrator/stepHandler';
import type { Clock } from '../../../../src/core/ports';
import type { EngineEvent, EngineEventInput } from '../../../../src/shared/events';

let seq = 0;

/** An event as the engine stamps it, at `at`. */
export function stamped(at: number, event: EngineEventInput): EngineEvent {
  return { ...event, seq: ++seq, at } as EngineEvent;
}

/** Test double: time stands still until something sleeps; a sleep passes at once and moves time on. */
export class InstantClock implements Clock {
  readonly sleeps: number[] = [];
  constructor(public time = 1_700_000_000_000) {}
  now(): number {
    return this.time;
  }
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    this.sleeps.push(ms);
    this.time += ms;
    return Promise.resolve();
  }
}

/** A step context for a handler run outside the engine; its events are collected. */
export function stepContext(overrides: Partial<StepContext> = {}): StepContext & { readonly events: EngineEventInput[] } {
  const events: EngineEventInput[] = [];
  return {
    workflowId: 'wf-1',
    taskId: 'wf-1-t1',
    step: 'green',
    retryCount: 0,
    workflowInput: {},
    signal: new AbortController().signal,
    emit: (event) => events.push(event),
    events,
    ...overrides,
  };
}

export function healingEvents(events: readonly (EngineEvent | EngineEventInput)[]) {
  return events.flatMap((event) => (event.type === 'healing' ? [event] : []));
}
