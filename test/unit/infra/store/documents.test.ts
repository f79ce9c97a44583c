import * as assert from 'node:assert/strict';
import { mkdir, open, readdir, readFile, rmdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { JsonStore } from '../../../../src/infra/store/jsonStore';
import { issueRecorder, RecordingLogger, useTempFolder } from './storeTestKit';

interface Counter {
  count: number;
  items: string[];
}

const emptyCounter = (): Counter => ({ count: 0, items: [] });

describe('JsonStore documents', () => {
  let store: JsonStore | undefined;
  // Registered before the temp folder's own hook, so the store closes before its folder goes.
  afterEach(async () => {
    await store?.close();
    store = undefined;
  });
  const folder = useTempFolder('store-doc');

  async function openStore(debounceMs = 20): Promise<JsonStore> {
    store = await JsonStore.open({ folder: folder.path, logger: new RecordingLogger(), debounceMs });
    return store;
  }

  it('starts a document from its initial value and reads it back after a reopen', async () => {
    const first = await openStore();
    const doc = await first.document('counter', emptyCounter);
    assert.deepEqual(doc.data, { count: 0, items: [] });
    doc.update((data) => {
      data.count = 3;
      data.items.push('a');
    });
    await first.close();

    const second = await openStore();
    const again = await second.document('counter', emptyCounter);
    assert.deepEqual(again.data, { count: 3, items: ['a'] });
  });

  it('hands out one writer object per document name', async () => {
    const opened = await openStore();
    const [a, b] = await Promise.all([opened.document('one', emptyCounter), opened.document('one', emptyCounter)]);
    assert.equal(a, b);
    assert.notEqual(a, await opened.document('two', emptyCounter));
  });

  it('coalesces a burst of updates into one write after the debounce delay', async () => {
    const opened = await openStore(30);
    const doc = await opened.openDocument('burst', emptyCounter);
    for (let i = 0; i < 200; i++) doc.update((data) => void data.count++);
    assert.equal(doc.writeCount, 0, 'nothing is written before the delay');
    await sleep(120);
    assert.equal(doc.writeCount, 1);
    assert.equal(JSON.parse(await readFile(doc.path, 'utf8')).count, 200);
  });

  it('keeps writing during a steady stream of updates instead of waiting for a pause', async () => {
    const opened = await openStore(20);
    const doc = await opened.openDocument('stream', emptyCounter);
    const until = Date.now() + 150;
    while (Date.now() < until) {
      doc.update((data) => void data.count++);
      await sleep(5);
    }
    await doc.flush();
    assert.ok(doc.writeCount >= 3, `expected several writes, got ${doc.writeCount}`);
    assert.ok(doc.writeCount < doc.data.count / 2, `expected writes to be coalesced, got ${doc.writeCount} for ${doc.data.count} updates`);
  });

  it('flush() writes at once, and writes nothing when nothing changed', async () => {
    const opened = await openStore(60_000);
    const doc = await opened.openDocument('flushed', emptyCounter);
    doc.update((data) => void (data.count = 7));
    await doc.flush();
    assert.equal(doc.writeCount, 1);
    assert.equal(JSON.parse(await readFile(doc.path, 'utf8')).count, 7);
    await doc.flush();
    await opened.flush();
    assert.equal(doc.writeCount, 1);
  });

  it('keeps a backup equal to the last good write', async () => {
    const opened = await openStore();
    const doc = await opened.openDocument('backed', emptyCounter);
    doc.update((data) => void (data.count = 5));
    await doc.flush();
    assert.equal(await readFile(`${doc.path}.bak`, 'utf8'), await readFile(doc.path, 'utf8'));
  });

  it('replaces the file atomically: a reader never sees a partial document', async function () {
    this.timeout(10_000);
    const opened = await openStore(0);
    const doc = await opened.openDocument<{ rows: string[]; version: number }>('big', () => ({ rows: [], version: 0 }));
    // About 1.5 MB: large enough that a write in place would be seen half done.
    doc.update((data) => void (data.rows = Array.from({ length: 20_000 }, (_, i) => `row ${i} ${'x'.repeat(60)}`)));
    await doc.flush();
    // Held open across the writes: a file replaced by rename keeps its old bytes behind this handle.
    const original = await open(doc.path, 'r');

    let writing = true;
    const writer = (async () => {
      for (let version = 1; version <= 10; version++) {
        doc.update((data) => void (data.version = version));
        await doc.flush();
      }
      writing = false;
    })();
    let reads = 0;
    while (writing) {
      const parsed = JSON.parse(await readFile(doc.path, 'utf8')) as { rows: string[] };
      assert.equal(parsed.rows.length, 20_000);
      reads++;
    }
    await writer;
    assert.ok(reads > 0);
    try {
      assert.equal(JSON.parse(await original.readFile('utf8')).version, 0, 'the old file was replaced, not written over');
    } finally {
      await original.close();
    }
    assert.equal(JSON.parse(await readFile(doc.path, 'utf8')).version, 10);
    assert.deepEqual((await readdir(folder.path)).filter((name) => name.endsWith('.tmp')), [], 'no temp file is left behind');
  });

  it('reports a failed write, keeps the data, and writes it on the next flush', async () => {
    const { issues, onIssue } = issueRecorder();
    store = await JsonStore.open({ folder: folder.path, logger: new RecordingLogger(), debounceMs: 0, onIssue });
    const doc = await store.openDocument('blocked', emptyCounter);
    // A directory where steno puts its temp file makes the write fail.
    const tempPath = join(folder.path, '.blocked.json.tmp');
    await mkdir(tempPath);
    doc.update((data) => void (data.count = 9));
    await assert.rejects(doc.flush(), /EISDIR|illegal operation on a directory/);
    assert.equal(issues[0]?.kind, 'write-failed');
    assert.equal(doc.data.count, 9);

    await rmdir(tempPath);
    await doc.flush();
    assert.equal(JSON.parse(await readFile(doc.path, 'utf8')).count, 9);
  });

  it('refuses names that are not plain file names', async () => {
    const opened = await openStore();
    for (const name of ['', '../escape', 'a/b', 'dotted.name', '.hidden']) {
      assert.throws(() => opened.log(name), /Store names are/, name);
      await assert.rejects(opened.document(name, emptyCounter), /Store names are/, name);
    }
  });

  it('refuses use after close, with a message saying so', async () => {
    const opened = await openStore();
    const doc = await opened.document('closing', emptyCounter);
    await opened.close();
    assert.throws(() => doc.update((data) => void data.count++), /closed/);
    assert.throws(() => opened.log('events'), /closed/);
  });

  it('rejects a bad debounce delay', async () => {
    await assert.rejects(JsonStore.open({ folder: folder.path, logger: new RecordingLogger(), debounceMs: -1 }), /debounceMs/);
  });

  it('writes readable JSON a person can open', async () => {
    const opened = await openStore();
    const doc = await opened.openDocument('readable', emptyCounter);
    doc.update((data) => void data.items.push('x'));
    await doc.flush();
    await writeFile(join(folder.path, 'unrelated.txt'), 'not ours');
    assert.match(await readFile(doc.path, 'utf8'), /\n {2}"count": 0,\n/);
  });
});
