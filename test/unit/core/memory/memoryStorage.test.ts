import * as assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LongTermMemory } from '../../../../src/core/memory/longTermMemory';
import { MemoryBusyError } from '../../../../src/core/memory/memoryFolder';
import { SHARD_CAPACITY } from '../../../../src/core/memory/memoryShards';
import type { StoreIssue } from '../../../../src/infra/store/storeIssue';
import { RecordingLogger } from '../../infra/store/storeTestKit';
import { clock, evidence, memoryFolder, useTempFolders } from './memoryTestKit';

const writerScript = join(__dirname, 'memoryWriter.ts');
const holderScript = join(__dirname, '..', '..', 'infra', 'store', 'holdStore.ts');

function run(script: string, args: readonly string[]): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', script, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
}

/** Resolves with the child's output once it printed `word`; rejects if it exits first. */
function saying(child: ChildProcess, word: string): Promise<string> {
  let output = '';
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(word)) resolve(output);
    });
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => (output.includes(word) ? resolve(output) : reject(new Error(`child exited with ${code}: ${output}`))));
  });
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGKILL');
  await exited;
}

describe('Long-term memory storage: damaged files, two writers, a busy folder', function () {
  this.timeout(20_000);
  const folders = useTempFolders('ltm-store');
  const opened: LongTermMemory[] = [];
  const children: ChildProcess[] = [];
  afterEach(async () => {
    await Promise.all(children.splice(0).map(kill));
    await Promise.all(opened.splice(0).map((memory) => memory.close().catch(() => undefined)));
  });

  async function open(path: string, options: { issues?: StoreIssue[]; lockWaitMs?: number; refreshMs?: number } = {}): Promise<LongTermMemory> {
    const memory = await LongTermMemory.open({
      folders: { global: memoryFolder(path, options.issues) },
      clock,
      logger: new RecordingLogger(),
      debounceMs: 5,
      ...(options.lockWaitMs !== undefined && { lockWaitMs: options.lockWaitMs }),
      ...(options.refreshMs !== undefined && { refreshMs: options.refreshMs }),
    });
    opened.push(memory);
    return memory;
  }

  async function close(memory: LongTermMemory): Promise<void> {
    opened.splice(opened.indexOf(memory), 1);
    await memory.close();
  }

  const drafts = (count: number, prefix = 'lesson') => Array.from({ length: count }, (_, n) => ({ kind: 'fix' as const, scope: 'global' as const, title: `${prefix} ${n}`, text: `text ${n}` }));

  it('restores a damaged shard from its backup, keeps the damaged copy and reports it', async () => {
    const path = await folders.make();
    const memory = await open(path);
    await memory.promote(evidence(), drafts(3));
    await close(memory);
    await writeFile(join(path, 'memory-shard-000000.json'), '{"records": {"mem-');

    const issues: StoreIssue[] = [];
    const reopened = await open(path, { issues });
    assert.equal(reopened.size, 3, 'nothing lost');
    assert.deepEqual(issues.map((issue) => issue.kind), ['document-restored']);
    assert.equal(issues[0]?.file, join(path, 'memory-shard-000000.json'));
    assert.ok((await readdir(path)).some((name) => /^memory-shard-000000\.damaged-.*\.json$/.test(name)));
    assert.equal((await reopened.recall('lesson')).hits.length, 3, 'and indexed');
  });

  it('when a shard and its backup are both damaged, reports it and keeps the other shards', async () => {
    const path = await folders.make();
    const memory = await open(path);
    await memory.promote(evidence(), drafts(SHARD_CAPACITY + 2));
    await close(memory);
    await writeFile(join(path, 'memory-shard-000001.json'), 'garbage');
    await writeFile(join(path, 'memory-shard-000001.json.bak'), '');

    const issues: StoreIssue[] = [];
    const reopened = await open(path, { issues });
    assert.equal(reopened.size, SHARD_CAPACITY);
    assert.deepEqual(issues.map((issue) => issue.kind), ['document-reset']);
    // The folder stays usable: the next memory goes on being written.
    await reopened.promote(evidence(), drafts(1, 'after'));
    assert.equal(reopened.size, SHARD_CAPACITY + 1);
  });

  it('restores a damaged manifest from its backup', async () => {
    const path = await folders.make();
    const memory = await open(path);
    await memory.promote(evidence(), drafts(2));
    await close(memory);
    await writeFile(join(path, 'memory-manifest.json'), '[1,');
    const issues: StoreIssue[] = [];
    assert.equal((await open(path, { issues })).size, 2);
    assert.deepEqual(issues.map((issue) => issue.kind), ['document-restored']);
  });

  it('lets two processes write one folder at once without losing either one\'s memories', async () => {
    const path = await folders.make();
    const writers = ['left', 'right'].map((label) => {
      const child = run(writerScript, [path, label, '8']);
      children.push(child);
      return child;
    });
    const finished = writers.map((child) => saying(child, 'done'));
    await Promise.all(writers.map((child) => saying(child, 'ready')));
    const here = await open(path);
    // All three start writing together.
    for (const child of writers) child.stdin?.write('go\n');
    for (let n = 0; n < 8; n++) await here.promote(evidence(), drafts(1, `here-${n}`));
    await Promise.all(finished);
    await here.refresh();
    assert.equal(here.size, 24, 'this process sees the others\' memories after a refresh');
    await close(here);

    const issues: StoreIssue[] = [];
    const reopened = await open(path, { issues });
    const titles = reopened.list({ limit: 100 }).items.map((record) => record.title);
    for (const label of ['left', 'right']) for (let n = 0; n < 8; n++) assert.ok(titles.includes(`${label} ${n}`), `${label} ${n}`);
    for (let n = 0; n < 8; n++) assert.ok(titles.includes(`here-${n} 0`), `here-${n}`);
    assert.deepEqual(issues, [], 'no file was damaged');
    assert.ok(!(await readdir(path)).some((name) => name.endsWith('.lock')), 'every lock was released');
  });

  it('takes in another window\'s changes when recalling, and never resurrects what it deleted', async () => {
    const path = await folders.make();
    const first = await open(path, { refreshMs: 0 });
    const second = await open(path, { refreshMs: 0 });
    const [shared] = await first.promote(evidence(), [{ kind: 'rule', scope: 'global', title: 'Shared rule', text: 'seen by both windows' }]);
    assert.equal((await second.recall('shared rule')).hits[0]?.record.id, shared.id);
    assert.equal(await second.delete(shared.id), true);
    assert.deepEqual((await first.recall('shared rule')).hits, []);
    assert.equal(first.get(shared.id), undefined);
  });

  it('waits for a folder another process holds, keeps the change queued when it waited too long, and writes it later', async () => {
    const path = await folders.make();
    const memory = await open(path, { lockWaitMs: 150 });
    const holder = run(holderScript, [path, 'memory-manifest']);
    children.push(holder);
    await saying(holder, 'holding');

    await assert.rejects(memory.promote(evidence(), drafts(1, 'queued')), (error: unknown) => {
      assert.ok(error instanceof MemoryBusyError);
      assert.match(error.message, /memory-manifest\.json is already being written by process \d+/);
      return true;
    });
    assert.equal(memory.size, 1, 'still there, queued');
    await kill(holder);
    await memory.flush();
    await close(memory);
    assert.deepEqual((await open(path)).list().items.map((record) => record.title), ['queued 0']);
  });
});
