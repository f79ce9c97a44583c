// Run as a child process by killAndResume.test.ts, against a store folder:
//   start <folder> <marks file>    starts a three-step workflow whose step two blocks on its first
//                                  attempt, says "in step two" on stdout, and waits to be killed;
//   recover <folder> <marks file>  recovers, waits for the workflow to settle, prints its state.
// Each step appends "<step> attempt <retryCount>" to the marks file when it runs.
import { appendFileSync } from 'node:fs';
import { EmbeddedEngine } from '../../../../src/core/orchestrator/embeddedEngine';
import { EventStream } from '../../../../src/core/orchestrator/eventStream';
import { StepHandlers } from '../../../../src/core/orchestrator/stepHandler';
import { SystemClock } from '../../../../src/core/orchestrator/systemClock';
import { JsonStore } from '../../../../src/infra/store/jsonStore';

const definition = {
  name: 'killable',
  version: 1,
  steps: [
    { name: 'one', handler: 'mark' },
    { name: 'two', handler: 'mark', inputs: { block: true }, retry: { retryCount: 2, retryDelayMs: 10 } },
    { name: 'three', handler: 'mark' },
  ],
};

async function main(): Promise<void> {
  const [mode, folder, marks] = process.argv.slice(2);
  if ((mode !== 'start' && mode !== 'recover') || !folder || !marks) throw new Error('usage: killableWorkflow.ts start|recover <folder> <marks file>');
  const handlers = new StepHandlers().register('mark', {
    run: (input, context) => {
      appendFileSync(marks, `${context.step} attempt ${context.retryCount}\n`);
      if (input.block !== true || context.retryCount > 0) return Promise.resolve({ output: { ranBy: process.pid } });
      process.stdout.write(`in step ${context.step}\n`);
      return new Promise(() => undefined);
    },
  });
  const store = await JsonStore.open({ folder, logger: console, debounceMs: 50 });
  const clock = new SystemClock();
  const engine = await EmbeddedEngine.open({ store, handlers, clock, logger: console, events: await EventStream.open(store.log('events'), clock, console) });
  const resumed = await engine.recover();
  if (mode === 'start') {
    await engine.start(definition, {});
    return;
  }
  const [id] = resumed;
  if (!id) throw new Error('nothing to recover');
  const state = await engine.settled(id);
  await engine.close();
  await store.close();
  process.stdout.write(`${JSON.stringify({ resumed, state })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
