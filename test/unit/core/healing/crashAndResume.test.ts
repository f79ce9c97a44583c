import * as assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EngineEvent } from '../../../../src/shared/events';
import { RecordingLogger } from '../../infra/store/storeTestKit';
import { openWorkflowEngine } from './crashingWorkflow';
import { healingEvents } from './healingTestKit';

const script = join(__dirname, 'crashingWorkflow.ts');

describe('Crash and resume: a step that writes files is never applied twice', function () {
  this.timeout(20_000);
  let folder = '';
  let child: ChildProcess | undefined;
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'imperium-crash-'));
  });
  afterEach(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      await exited;
    }
    await rm(folder, { recursive: true, force: true });
  });

  it('rolls back what the killed process wrote, re-runs the step, and the line lands once', async () => {
    const storeFolder = join(folder, 'storage');
    const root = join(folder, 'workspace');
    await mkdir(root);
    child = spawn(process.execPath, ['--import', 'tsx', script, storeFolder, root], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    await new Promise<void>((resolve, reject) => {
      child?.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('wrote')) resolve();
      });
      child?.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child?.once('exit', (code) => reject(new Error(`the workflow process exited with ${code}: ${output}`)));
    });
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
    assert.equal(await readFile(join(root, 'notes.txt'), 'utf8'), 'added once\n', 'the killed step had written its line');

    const { engine, store } = await openWorkflowEngine('resume', storeFolder, root, new RecordingLogger());
    const events: EngineEvent[] = [];
    engine.subscribe((event) => events.push(event));
    try {
      const [resumed] = await engine.recover();
      assert.ok(resumed);
      const state = await engine.settled(resumed);
      assert.equal(state.status, 'COMPLETED');
      assert.deepEqual(
        state.tasks.map((task) => [task.status, task.retryCount]),
        [
          ['FAILED', 0],
          ['COMPLETED', 1],
        ],
        'the orphaned attempt counted, and the retry completed',
      );
    } finally {
      await engine.close();
      await store.close();
    }
    assert.equal(await readFile(join(root, 'notes.txt'), 'utf8'), 'added once\n', 'not "added once" twice');
    const [rolledBack] = healingEvents(events);
    assert.equal(rolledBack?.action, 'rolled-back');
    assert.equal(rolledBack?.failure, 'interrupted');
    assert.match(rolledBack?.summary ?? '', /step "append" was cut off before it finished; removed notes\.txt, so it runs again/);
  });
});
