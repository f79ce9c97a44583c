// Conductor's delivery rules against a real server: a task delivered again after its result was
// lost reports the kept outcome and applies no edit twice; a worker killed mid-step is replaced by
// a restarted one that finishes from the server's state, its cut-off writes taken back; two
// workspaces on one server never take each other's tasks.
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { readFileSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { JsonStore } from '../../src/infra/store/jsonStore';
import { suiteServer } from './harness/serverHooks';
import { handlers, openEngine, quietLogger, serverWorkflow, tempFolder, uniqueName } from './support/engineFixture';
import { journaledStep, stateFolder } from './support/journaledStep';

const retry = { retryCount: 2, retryDelayMs: 0 };

describe('Conductor delivery rules on a real server', function () {
  this.timeout(120_000);

  it('a task delivered again after its result was lost reports the kept outcome: the edit lands once', async () => {
    const folder = tempFolder('imperium-conductor-redelivery-');
    const definition = { name: uniqueName('redeliver'), version: 1, steps: [{ name: 'edit', handler: 'edit', inputs: {}, retry }, { name: 'after', handler: 'after', inputs: {} }] };
    // The first worker's network loses every task update: its result never reaches the server.
    const losing: typeof fetch = (input, init) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      if ((init?.method ?? (input instanceof Request ? input.method : 'GET')) === 'POST' && /\/api\/tasks(\/update-v2)?$/.test(new URL(url).pathname)) return Promise.reject(new TypeError('fetch failed'));
      return fetch(input, init);
    };
    let store = await JsonStore.open({ folder: stateFolder(folder.path), logger: quietLogger });
    const first = await journaledStep(folder.path, store, () => ({ appendLines: { 'notes.txt': 'one edit' } }));
    let edited = false;
    const lossy = await openEngine({ url: suiteServer().url, folder: folder.path, store, fetch: losing, handlers: handlers({ edit: { run: async (input, context) => { const result = await first.handler.run(input, context); edited = true; return result; } }, after: { run: async () => ({}) } }) });
    const id = await lossy.engine.start(definition);
    for (let i = 0; i < 200 && !edited; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    assert.ok(edited, 'the first worker ran the step');
    await new Promise((resolve) => setTimeout(resolve, 300));
    await lossy.close();
    await store.close();

    store = await JsonStore.open({ folder: stateFolder(folder.path), logger: quietLogger });
    const second = await journaledStep(folder.path, store, () => ({ appendLines: { 'notes.txt': 'one edit' } }));
    const healthy = await openEngine({ url: suiteServer().url, folder: folder.path, store, handlers: handlers({ edit: second.handler, after: { run: async () => ({}) } }), definitions: [definition] });
    try {
      const done = await healthy.engine.settled(id);
      assert.equal(done.status, 'COMPLETED', done.reason);
      assert.equal(second.runs(), 0, 'the re-delivered task did not run the step again');
      assert.equal(readFileSync(join(folder.path, 'notes.txt'), 'utf8'), 'one edit\n', 'the edit is applied once');
      const edits = done.tasks.filter((task) => task.step === 'edit');
      assert.deepEqual(edits.map((task) => [task.retryCount, task.status]), [[0, 'TIMED_OUT'], [1, 'COMPLETED']], 'the server timed the silent attempt out and delivered the step again');
      assert.deepEqual(edits[1]?.output, { wrote: ['notes.txt'] }, 'the kept output is what the server got');
    } finally {
      await healthy.close();
      await store.close();
      folder.remove();
    }
  });

  it('a worker killed mid-step: the restarted worker finishes the workflow from the server, the cut-off writes taken back', async () => {
    const folder = tempFolder('imperium-conductor-killed-');
    const definition = { name: uniqueName('killed'), version: 1, steps: [{ name: 'edit', handler: 'edit', inputs: {}, retry }, { name: 'after', handler: 'after', inputs: {} }] };
    const definitionFile = join(folder.path, 'definition.json');
    writeFileSync(definitionFile, JSON.stringify(definition));
    // Started from this workspace by an engine without workers, closed again before the worker
    // process opens the workspace's store: the task waits on the server for that worker.
    const starter = await openEngine({ url: suiteServer().url, folder: folder.path, handlers: handlers({ edit: { run: async () => ({}) }, after: { run: async () => ({}) } }), options: { workers: false } });
    const id = await starter.engine.start(definition);
    await starter.close();
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'support', 'workerProcess.ts'), suiteServer().url, folder.path, definitionFile], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => void (output += chunk.toString()));
    let store: JsonStore | undefined;
    try {
      for (let i = 0; i < 600 && !output.includes('WROTE') && child.exitCode === null; i++) await new Promise((resolve) => setTimeout(resolve, 100));
      assert.ok(output.includes('WROTE'), `the worker process ran the step (it said: ${output || 'nothing'})`);
      assert.equal(readFileSync(join(folder.path, 'notes.txt'), 'utf8'), 'written by the killed worker\n');
      process.kill(child.pid as number, 'SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));

      store = await JsonStore.open({ folder: stateFolder(folder.path), logger: quietLogger });
      const restarted = await journaledStep(folder.path, store, () => ({ appendLines: { 'notes.txt': 'written by the restarted worker' } }));
      const worker = await openEngine({ url: suiteServer().url, folder: folder.path, store, handlers: handlers({ edit: restarted.handler, after: { run: async () => ({}) } }), definitions: [definition] });
      try {
        await worker.engine.recover();
        const done = await worker.engine.settled(id);
        assert.equal(done.status, 'COMPLETED', done.reason);
        assert.equal(restarted.runs(), 1);
        assert.equal(readFileSync(join(folder.path, 'notes.txt'), 'utf8'), 'written by the restarted worker\n', "the killed run's edit was taken back before the step ran again");
        assert.equal(existsSync(join(folder.path, 'only-killed.txt')), false, 'a file only the killed run wrote is gone');
        assert.ok(worker.events.some((event) => event.type === 'healing' && event.action === 'rolled-back'), 'the rollback is reported');
        const edits = done.tasks.filter((task) => task.step === 'edit');
        assert.deepEqual(edits.map((task) => task.status), ['TIMED_OUT', 'COMPLETED']);
      } finally {
        await worker.close();
      }
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await store?.close();
      folder.remove();
    }
  });

  it('two workspaces on one server: each workspace runs only its own tasks', async () => {
    const definition = { name: uniqueName('shared'), version: 1, steps: [{ name: 'one', handler: 'who', inputs: {} }, { name: 'two', handler: 'who', inputs: {} }, { name: 'three', handler: 'who', inputs: {} }] };
    const folders = [tempFolder('imperium-conductor-ws-a-'), tempFolder('imperium-conductor-ws-b-')];
    const ran: Record<string, string[]> = { a: [], b: [] };
    const engines: Awaited<ReturnType<typeof openEngine>>[] = [];
    try {
      for (const [i, label] of ['a', 'b'].entries()) {
        engines.push(await openEngine({ url: suiteServer().url, folder: (folders[i] as { path: string }).path, handlers: handlers({ who: { run: async (_input, context) => (ran[label]?.push(context.workflowId), { output: { by: label } }) } }), definitions: [definition] }));
      }
      const [engineA, engineB] = engines as [Awaited<ReturnType<typeof openEngine>>, Awaited<ReturnType<typeof openEngine>>];
      assert.notEqual(engineA.engine.domain, engineB.engine.domain);
      const ids = await Promise.all([engineA.engine.start(definition), engineB.engine.start(definition), engineA.engine.start(definition), engineB.engine.start(definition)]);
      const done = await Promise.all(ids.map((id, i) => (i % 2 === 0 ? engineA : engineB).engine.settled(id)));
      assert.deepEqual(done.map((workflow) => workflow.status), ['COMPLETED', 'COMPLETED', 'COMPLETED', 'COMPLETED']);
      assert.deepEqual(new Set(ran.a), new Set([ids[0], ids[2]]), "workspace a ran only its own workflows' tasks");
      assert.deepEqual(new Set(ran.b), new Set([ids[1], ids[3]]), "workspace b ran only its own workflows' tasks");
      for (const [i, id] of ids.entries()) {
        const onServer = await serverWorkflow(suiteServer().url, id);
        assert.deepEqual(onServer.taskToDomain, { '*': (i % 2 === 0 ? engineA : engineB).engine.domain });
      }
    } finally {
      await Promise.all(engines.map((opened) => opened.close()));
      folders.forEach((folder) => folder.remove());
    }
  });
});
