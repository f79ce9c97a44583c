import * as assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WorkflowSnapshot } from '../../../../src/core/orchestrator/workflowState';
import type { EngineEvent } from '../../../../src/shared/events';

const script = join(__dirname, 'killableWorkflow.ts');

function run(mode: 'start' | 'recover', folder: string, marks: string): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', script, mode, folder, marks], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

function waitForOutput(process: ReturnType<typeof run>, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (process.output().includes(text)) resolve();
    };
    process.child.stdout?.on('data', check);
    process.child.once('exit', (code, signal) => reject(new Error(`the child ended (${code ?? signal}) before saying "${text}":\n${process.output()}`)));
    check();
  });
}

describe('embedded engine: a process killed mid-step', function () {
  this.timeout(30_000);
  let folder = '';
  const children: ChildProcess[] = [];
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'imperium-kill-'));
  });
  afterEach(async () => {
    for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await rm(folder, { recursive: true, force: true });
  });

  it('is resumed by the next process from its last completed step, re-running only the killed step', async () => {
    const store = join(folder, 'store');
    const marks = join(folder, 'marks.txt');

    const first = run('start', store, marks);
    children.push(first.child);
    await waitForOutput(first, 'in step two');
    const exited = once(first.child, 'exit');
    first.child.kill('SIGKILL');
    const [, signal] = await exited;
    assert.equal(signal, 'SIGKILL');

    const second = run('recover', store, marks);
    children.push(second.child);
    const [code] = await once(second.child, 'exit');
    assert.equal(code, 0, second.output());
    const { resumed, state } = JSON.parse(second.output().trim().split('\n').at(-1) ?? '') as { resumed: string[]; state: WorkflowSnapshot };

    assert.deepEqual(resumed, [state.id]);
    assert.equal(state.status, 'COMPLETED');
    assert.deepEqual((await readFile(marks, 'utf8')).trim().split('\n'), ['one attempt 0', 'two attempt 0', 'two attempt 1', 'three attempt 0'], 'step one ran once; step two ran again');
    assert.deepEqual(state.tasks.map((task) => [task.step, task.status, task.retryCount]), [
      ['one', 'COMPLETED', 0],
      ['two', 'FAILED', 0],
      ['two', 'COMPLETED', 1],
      ['three', 'COMPLETED', 0],
    ]);
    assert.match(state.tasks[1]?.reason ?? '', /interrupted: the process running it ended/);
    assert.equal(state.outputs.one?.ranBy, first.child.pid, 'step one’s output survived from the killed process');
    assert.equal(state.outputs.two?.ranBy, second.child.pid);

    // Both processes' events are in the log, numbered on without a gap or a repeat.
    const events = (await readFile(join(store, 'events.jsonl'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as EngineEvent);
    assert.deepEqual(events.map((event) => event.seq), events.map((_, i) => i + 1));
    assert.ok(events.some((event) => event.type === 'retry' && event.reason.startsWith('interrupted')));
  });
});
