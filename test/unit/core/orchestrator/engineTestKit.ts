// Shared by the orchestrator tests: a real store in a temp folder, the real clock, an engine over
// them, and every event it publishes.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedEngine } from '../../../../src/core/orchestrator/embeddedEngine';
import { EventStream } from '../../../../src/core/orchestrator/eventStream';
import { type StepContext, StepHandlers, type StepResult } from '../../../../src/core/orchestrator/stepHandler';
import { SystemClock } from '../../../../src/core/orchestrator/systemClock';
import { JsonStore } from '../../../../src/infra/store/jsonStore';
import type { EngineEvent } from '../../../../src/shared/events';
import { RecordingLogger } from '../../infra/store/storeTestKit';

export interface EngineUnderTest {
  readonly engine: EmbeddedEngine;
  readonly store: JsonStore;
  readonly events: EngineEvent[];
  /** The event stream the engine publishes on, as the runtime would own it. */
  readonly stream: EventStream;
  readonly logger: RecordingLogger;
}

/** Opens engines on one temp folder, and closes and removes everything after each test. */
export function useEngines(prefix: string) {
  const opened: EngineUnderTest[] = [];
  let folder = '';
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), `imperium-${prefix}-`));
  });
  afterEach(async () => {
    for (const { engine, store } of opened.splice(0)) {
      await engine.close();
      await store.close();
    }
    await rm(folder, { recursive: true, force: true });
  });
  return {
    get folder() {
      return folder;
    },
    async open(handlers: StepHandlers): Promise<EngineUnderTest> {
      const logger = new RecordingLogger();
      const store = await JsonStore.open({ folder, logger, debounceMs: 10 });
      const clock = new SystemClock();
      const stream = await EventStream.open(store.log('events'), clock, logger);
      const engine = await EmbeddedEngine.open({ store, handlers, clock, logger, events: stream });
      const events: EngineEvent[] = [];
      engine.subscribe((event) => events.push(event));
      const underTest = { engine, store, events, stream, logger };
      opened.push(underTest);
      return underTest;
    },
    /** Closes an engine and its store, as a window reload would, so the folder can be opened again. */
    async close(current: EngineUnderTest): Promise<void> {
      opened.splice(opened.indexOf(current), 1);
      await current.engine.close();
      await current.store.close();
    },
    async reopen(current: EngineUnderTest, handlers: StepHandlers): Promise<EngineUnderTest> {
      await this.close(current);
      return this.open(handlers);
    },
  };
}

/** A handler from a function. */
export function handler(run: (input: Readonly<Record<string, unknown>>, context: StepContext) => Promise<StepResult | void>) {
  return { run };
}

/** A handler that never settles on its own; it rejects with the signal's reason when aborted. */
export function blockingHandler(onStart?: (context: StepContext) => void) {
  return handler(
    (_input, context) =>
      new Promise<never>((_resolve, reject) => {
        onStart?.(context);
        context.signal.addEventListener('abort', () => reject(context.signal.reason), { once: true });
      }),
  );
}

/** Resolves when `predicate` holds for a published event. */
export function nextEvent(engineUnderTest: EngineUnderTest, predicate: (event: EngineEvent) => boolean): Promise<EngineEvent> {
  return new Promise((resolve) => {
    const stop = engineUnderTest.engine.subscribe((event) => {
      if (!predicate(event)) return;
      stop();
      resolve(event);
    });
  });
}

export function handlersOf(entries: Record<string, ReturnType<typeof handler>>): StepHandlers {
  const handlers = new StepHandlers();
  for (const [name, entry] of Object.entries(entries)) handlers.register(name, entry);
  return handlers;
}
