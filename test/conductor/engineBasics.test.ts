// The Conductor engine against a real conductor-oss server: a workflow with a loop runs to the end,
// its state reads like an embedded one, the server's own API shows it COMPLETED with all its tasks,
// and pause, resume and cancel act on the server.
import { strict as assert } from 'node:assert';
import { ConductorUnreachableError, connectConductor } from '../../src/infra/conductor/conductorConnection';
import { freeLoopbackPort } from './harness/conductorServer';
import { suiteServer } from './harness/serverHooks';
import { handlers, openEngine, quietLogger, serverWorkflow, tempFolder, uniqueName } from './support/engineFixture';

describe('Conductor engine on a real server', function () {
  this.timeout(120_000);
  const folder = tempFolder('imperium-conductor-basics-');
  after(() => folder.remove());

  it('runs a workflow with a jump back to the end, as the embedded engine would, and the server shows it COMPLETED with every task', async () => {
    let reviews = 0;
    const name = uniqueName('loop');
    const definition = {
      name,
      version: 1,
      steps: [
        { name: 'draft', handler: 'test.draft', inputs: { topic: '${workflow.input.topic}', notes: '${check.output.notes}' }, retry: { retryCount: 1, retryDelayMs: 1000 } },
        { name: 'check', handler: 'test.check', inputs: { text: '${draft.output.text}' }, goto: { targets: ['draft'], maxJumps: 2 } },
        { name: 'finish', handler: 'test.finish', inputs: { text: '${draft.output.text}' } },
      ],
    };
    const drafts: unknown[] = [];
    const opened = await openEngine({
      url: suiteServer().url,
      folder: folder.path,
      handlers: handlers({
        'test.draft': { run: async (input) => (drafts.push(input), { output: { text: `about ${String(input.topic)}${input.notes ? ` (${String(input.notes)})` : ''}` } }) },
        'test.check': { run: async () => (++reviews === 1 ? { output: { notes: 'shorter' }, goto: 'draft' } : { output: { notes: 'fine' } }) },
        'test.finish': { run: async (input) => ({ output: { final: String(input.text).toUpperCase() } }) },
      }),
    });
    try {
      const id = await opened.engine.start(definition, { topic: 'conductor' });
      const done = await opened.engine.settled(id);
      assert.equal(done.status, 'COMPLETED', done.reason);
      assert.deepEqual(drafts, [{ topic: 'conductor' }, { topic: 'conductor', notes: 'shorter' }], 'an input whose step has not run yet is left out, as on the embedded engine');
      assert.deepEqual(done.outputs.finish, { final: 'ABOUT CONDUCTOR (SHORTER)' });
      assert.deepEqual(
        done.tasks.map((task) => [task.step, task.status]),
        [['draft', 'COMPLETED'], ['check', 'COMPLETED'], ['draft', 'COMPLETED'], ['check', 'COMPLETED'], ['finish', 'COMPLETED']],
      );
      assert.equal(done.jumps.check, 1);
      assert.equal(done.stepIndex, 3);
      const onServer = await serverWorkflow(suiteServer().url, id);
      assert.equal(onServer.status, 'COMPLETED');
      assert.deepEqual(onServer.tasks.map((task) => `${task.referenceTaskName}:${task.status}`), ['check_loop:COMPLETED', 'draft__1:COMPLETED', 'check__1:COMPLETED', 'draft__2:COMPLETED', 'check__2:COMPLETED', 'finish:COMPLETED']);
      assert.ok(onServer.tasks.filter((task) => task.taskType !== 'DO_WHILE').every((task) => task.domain === opened.engine.domain), 'every task ran in the workspace domain');
      const statuses = opened.events.filter((event) => event.type === 'workflow').map((event) => event.status);
      assert.deepEqual([statuses[0], statuses.at(-1)], ['RUNNING', 'COMPLETED']);
      assert.equal(opened.engine.list().find((summary) => summary.id === id)?.status, 'COMPLETED');
    } finally {
      await opened.close();
    }
  });

  it('fails the workflow when a step sends it back more often than its limit', async () => {
    const definition = { name: uniqueName('limit'), version: 1, steps: [{ name: 'a', handler: 'a', inputs: {} }, { name: 'b', handler: 'b', inputs: {}, goto: { targets: ['a'], maxJumps: 1 } }] };
    const opened = await openEngine({ url: suiteServer().url, folder: folder.path, handlers: handlers({ a: { run: async () => ({ output: {} }) }, b: { run: async () => ({ goto: 'a' }) } }) });
    try {
      const done = await opened.engine.settled(await opened.engine.start(definition));
      assert.equal(done.status, 'FAILED');
      assert.match(done.reason ?? '', /"b" sent the workflow back to "a" more than its limit of 1 time/);
    } finally {
      await opened.close();
    }
  });

  it('pauses, resumes and cancels a workflow on the server', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const definition = { name: uniqueName('control'), version: 1, steps: [{ name: 'slow', handler: 'slow', inputs: {} }, { name: 'next', handler: 'next', inputs: {} }, { name: 'last', handler: 'last', inputs: {} }] };
    let canceledSignal: AbortSignal | undefined;
    const opened = await openEngine({
      url: suiteServer().url,
      folder: folder.path,
      handlers: handlers({
        slow: { run: async () => (await gate, { output: {} }) },
        next: { run: async () => ({ output: {} }) },
        last: { run: async (_input, context) => { canceledSignal = context.signal; await new Promise((resolve) => context.signal.addEventListener('abort', resolve)); } },
      }),
    });
    try {
      const id = await opened.engine.start(definition);
      await opened.engine.pause(id);
      assert.equal((await opened.engine.get(id))?.status, 'PAUSED');
      release();
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const paused = await opened.engine.get(id);
      assert.equal(paused?.status, 'PAUSED');
      assert.deepEqual(paused?.tasks.map((task) => task.step), ['slow'], 'nothing after the running step is scheduled while paused');
      await opened.engine.resume(id);
      for (let i = 0; i < 100 && !canceledSignal; i++) await new Promise((resolve) => setTimeout(resolve, 100));
      await opened.engine.cancel(id, 'enough');
      const canceled = await opened.engine.settled(id);
      assert.equal(canceled.status, 'CANCELED');
      assert.equal(canceledSignal?.aborted, true, 'the running handler was told to stop');
      assert.equal((await serverWorkflow(suiteServer().url, id)).status, 'TERMINATED');
    } finally {
      await opened.close();
    }
  });

  it('names the address when the server is unreachable at start', async () => {
    const url = `http://127.0.0.1:${await freeLoopbackPort()}`;
    await assert.rejects(connectConductor({ url, logger: quietLogger }), (error: unknown) => error instanceof ConductorUnreachableError && error.message.includes(url));
  });
});
