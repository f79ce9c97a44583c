import * as assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { access, readFile, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { StoreLockedError } from '../../../../src/infra/store/fileLock';
import { JsonStore } from '../../../../src/infra/store/jsonStore';
import { issueRecorder, RecordingLogger, useTempFolder } from './storeTestKit';

const holdStoreScript = join(__dirname, 'holdStore.ts');

/** Starts a real second process that opens `name` in `folder` and waits until it holds it. */
async function startHolder(folder: string, name: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', holdStoreScript, folder, name], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('holding')) resolve();
    });
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`holder exited with ${code}: ${output}`)));
  });
  return child;
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGKILL');
  await exited;
}

/** The pid of a process that has certainly ended. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await once(child, 'exit');
  assert.ok(child.pid);
  return child.pid;
}

describe('JsonStore locking (one writer per file)', function () {
  this.timeout(20_000);
  const children: ChildProcess[] = [];
  const stores: JsonStore[] = [];
  afterEach(async () => {
    await Promise.all(children.splice(0).map(kill));
    await Promise.all(stores.splice(0).map((store) => store.close()));
  });
  const folder = useTempFolder('store-lock');

  async function openStore(onIssue?: ReturnType<typeof issueRecorder>['onIssue']): Promise<JsonStore> {
    const store = await JsonStore.open({ folder: folder.path, logger: new RecordingLogger(), onIssue });
    stores.push(store);
    return store;
  }

  it('refuses a second process on the same file, saying which process holds it', async () => {
    const holder = await startHolder(folder.path, 'state');
    children.push(holder);
    const store = await openStore();
    await assert.rejects(store.document('state', () => ({})), (error: unknown) => {
      assert.ok(error instanceof StoreLockedError);
      assert.match(error.message, new RegExp(`already being written by process ${holder.pid} on `));
      assert.match(error.message, /state\.json\.lock/);
      return true;
    });
    // Other files in the same folder stay free.
    await store.document('other', () => ({}));
  });

  it('takes over the lock of a process that was killed, and reports it', async () => {
    const holder = await startHolder(folder.path, 'state');
    await kill(holder);
    const { issues, onIssue } = issueRecorder();
    const store = await openStore(onIssue);
    const doc = await store.document('state', () => ({ holder: 0 }));
    assert.deepEqual(doc.data, { holder: 0 }, 'the holder never wrote, so the document starts from its initial value');
    assert.deepEqual(issues, [{ kind: 'stale-lock-taken-over', file: join(folder.path, 'state.json'), pid: holder.pid }]);
    assert.equal(JSON.parse(await readFile(join(folder.path, 'state.json.lock'), 'utf8')).pid, process.pid);
  });

  it('takes over a stale log lock too', async () => {
    const pid = await deadPid();
    await writeFile(join(folder.path, 'events.jsonl.lock'), JSON.stringify({ pid, host: hostname(), since: Date.now() }));
    const { issues, onIssue } = issueRecorder();
    const store = await openStore(onIssue);
    await store.log('events').append({ ok: true });
    assert.deepEqual(issues.map((issue) => issue.kind), ['stale-lock-taken-over']);
  });

  it('takes over a lock bearing its own pid that it does not hold (a predecessor with the same pid)', async () => {
    await writeFile(join(folder.path, 'state.json.lock'), JSON.stringify({ pid: process.pid, host: hostname(), since: Date.now() - 60_000 }));
    const { issues, onIssue } = issueRecorder();
    const store = await openStore(onIssue);
    await store.document('state', () => ({}));
    assert.deepEqual(issues.map((issue) => issue.kind), ['stale-lock-taken-over']);
  });

  it('waits on an empty lock being created, and takes over one left empty by a crash', async () => {
    const lockPath = join(folder.path, 'state.json.lock');
    await writeFile(lockPath, '');
    const store = await openStore();
    await assert.rejects(store.document('state', () => ({})), /already being written by another process/);
    const longAgo = new Date(Date.now() - 60_000);
    await utimes(lockPath, longAgo, longAgo);
    await store.document('state', () => ({}));
  });

  it('respects a lock held from another machine, which it cannot check', async () => {
    await writeFile(join(folder.path, 'state.json.lock'), JSON.stringify({ pid: await deadPid(), host: 'elsewhere.example', since: Date.now() }));
    const store = await openStore();
    await assert.rejects(store.document('state', () => ({})), /already being written by process \d+ on elsewhere\.example/);
  });

  it('refuses a second store on the same file in this process', async () => {
    const first = await openStore();
    await first.document('state', () => ({}));
    const second = await openStore();
    await assert.rejects(second.document('state', () => ({})), /already open for writing in this process/);
    assert.throws(() => {
      first.log('events');
      second.log('events');
    }, StoreLockedError);
  });

  it('frees the file on close, for the next writer', async () => {
    const first = await openStore();
    await first.document('state', () => ({}));
    await first.close();
    await assert.rejects(access(join(folder.path, 'state.json.lock')));
    const second = await openStore();
    await second.document('state', () => ({}));
  });
});
