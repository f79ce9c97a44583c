// The server lost mid-workflow: the engine says "Conductor unreachable", the workers back off, and
// when the server is back (the same SQLite database) the workflow carries on to the end, its step's
// result delivered once, late or again from the ledger. The outage is as long as the server takes
// to start again: about 15 s on a quiet machine, a minute or more under load, past the 30 s response
// timeout and the SDK's 10 + 20 + 30 s of update retries, which is when a late result can race
// the retry (RESTART_DELAY_MS lengthens the outage to try that on a quiet machine).
import { strict as assert } from 'node:assert';
import { suiteServer } from './harness/serverHooks';
import { handlers, openEngine, serverWorkflow, tempFolder, uniqueName } from './support/engineFixture';
import { isTerminalTask, type TaskStatus } from '../../src/shared/taskStatus';

describe('Conductor server restarted mid-run', function () {
  // One stop and one start of the real server: one to five minutes on two busy cores.
  this.timeout(900_000);

  // Whichever way the step's result comes back (the SDK's late update, ignored by a server that
  // timed the task out on restart; or lost after its 4 tries and answered to the retried task from
  // the delivery ledger), the next step gets its output and the step runs once.
  it('reports the outage, waits, and finishes the workflow when the server is back', async () => {
    const folder = tempFolder('imperium-conductor-restart-');
    let started = false;
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let waitRuns = 0;
    const definition = { name: uniqueName('restart'), version: 1, steps: [{ name: 'wait', handler: 'wait', inputs: {}, retry: { retryCount: 2, retryDelayMs: 0 } }, { name: 'after', handler: 'after', inputs: { from: '${wait.output.value}' } }] };
    const opened = await openEngine({
      url: suiteServer().url,
      folder: folder.path,
      handlers: handlers({
        wait: { run: async () => { waitRuns += 1; started = true; await gate; return { output: { value: 42 } }; } },
        after: { run: async (input) => ({ output: { got: input.from } }) },
      }),
    });
    try {
      const id = await opened.engine.start(definition);
      for (let i = 0; i < 300 && !started; i++) await new Promise((resolve) => setTimeout(resolve, 100));
      assert.ok(started, 'the first step started');
      await suiteServer().stop();
      release();
      const settled = opened.engine.settled(id);
      for (let i = 0; i < 100 && !opened.events.some(isUnreachable); i++) await new Promise((resolve) => setTimeout(resolve, 100));
      assert.ok(opened.events.some(isUnreachable), 'the workflow shows "Conductor unreachable"');
      await new Promise((resolve) => setTimeout(resolve, Number(process.env.RESTART_DELAY_MS ?? 0)));
      const startupMs = await suiteServer().start();
      console.log(`      (server back after a ${(startupMs / 1000).toFixed(1)} s start)`);
      const done = await settled;
      assert.equal(done.status, 'COMPLETED', done.reason);
      assert.deepEqual(done.outputs.after, { got: 42 });
      assert.equal(waitRuns, 1, 'the step ran once; its result reached the server late or from the ledger');
      assert.ok(opened.events.some((event) => event.type === 'workflow' && /Conductor reachable again/.test(event.reason ?? '')), 'the return is reported');
      const onServer = await serverWorkflow(suiteServer().url, id);
      // When the late result completed the timed-out attempt after its retry was scheduled, the
      // server resolves the next step's input to null (it reads the retry); the worker takes the
      // completed output from the server's tasks instead, so the step's output holds either way.
      assert.deepEqual(onServer.tasks.filter((task) => task.referenceTaskName === 'after').map((task) => [task.status, task.outputData]), [['COMPLETED', { got: 42 }]], 'on the server, the next step got the output');
      // The views never see a task go back from its end to IN_PROGRESS (the watcher reads the server a moment late).
      const seen = new Map<string, TaskStatus[]>();
      for (const event of opened.events) if (event.type === 'task') seen.set(event.taskId, [...(seen.get(event.taskId) ?? []), event.status]);
      for (const [taskId, statuses] of seen) {
        const end = statuses.findIndex(isTerminalTask);
        assert.ok(end === -1 || statuses.slice(end + 1).every(isTerminalTask), `task ${taskId} went ${statuses.join(' → ')}`);
      }
    } finally {
      await opened.close();
      folder.remove();
    }
  });
});

function isUnreachable(event: { type: string; reason?: string }): boolean {
  return event.type === 'workflow' && /Conductor unreachable/.test(event.reason ?? '');
}
