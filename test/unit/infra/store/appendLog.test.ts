import * as assert from 'node:assert/strict';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { JsonStore } from '../../../../src/infra/store/jsonStore';
import type { LogSyncPolicy } from '../../../../src/infra/store/jsonlAppendLog';
import { issueRecorder, RecordingLogger, useTempFolder } from './storeTestKit';

interface Entry {
  n: number;
  text?: string;
}

describe('JsonStore append-only logs', () => {
  let store: JsonStore | undefined;
  afterEach(async () => {
    await store?.close();
    store = undefined;
  });
  const folder = useTempFolder('store-log');
  const logPath = () => join(folder.path, 'events.jsonl');

  async function openStore(logSync: LogSyncPolicy = 'on-flush') {
    const recorder = issueRecorder();
    store = await JsonStore.open({ folder: folder.path, logger: new RecordingLogger(), logSync, onIssue: recorder.onIssue });
    return { store, issues: recorder.issues };
  }

  for (const policy of ['on-flush', 'every-append'] as const) {
    it(`appends entries in call order, one JSON line each, and reads them back (${policy})`, async () => {
      const { store: opened } = await openStore(policy);
      const log = opened.log<Entry>('events');
      await Promise.all(Array.from({ length: 50 }, (_, n) => log.append({ n, text: n === 3 ? 'two\nlines' : undefined })));
      const entries = await log.readAll();
      assert.deepEqual(entries.map((entry) => entry.n), Array.from({ length: 50 }, (_, n) => n));
      assert.equal(entries[3]?.text, 'two\nlines');
      const text = await readFile(logPath(), 'utf8');
      assert.equal(text.split('\n').length, 51, 'fifty lines and a final newline');
    });
  }

  it('never rewrites what is there: earlier bytes stay as they were', async () => {
    const { store: opened } = await openStore();
    const log = opened.log<Entry>('events');
    await log.append({ n: 1 });
    const before = await readFile(logPath());
    await log.append({ n: 2 });
    const after = await readFile(logPath());
    assert.deepEqual(after.subarray(0, before.length), before);
  });

  it('keeps what earlier sessions appended', async () => {
    const first = await openStore();
    await first.store.log<Entry>('events').append({ n: 1 });
    await first.store.close();
    const second = await openStore();
    const log = second.store.log<Entry>('events');
    await log.append({ n: 2 });
    assert.deepEqual(await log.readAll(), [{ n: 1 }, { n: 2 }]);
  });

  it('reads past a torn last line (a crash mid-append) and reports it', async () => {
    await writeFile(logPath(), '{"n":1}\n{"n":2}\n{"n":3,"te');
    const { store: opened, issues } = await openStore();
    assert.deepEqual(await opened.log<Entry>('events').readAll(), [{ n: 1 }, { n: 2 }]);
    assert.deepEqual(issues, [{ kind: 'log-tail-torn', file: logPath(), bytes: 10 }]);
  });

  it('cuts a torn tail off before the next append, keeping it aside, so it cannot spoil the new line', async () => {
    await writeFile(logPath(), '{"n":1}\n{"n":2,"te');
    const { store: opened, issues } = await openStore();
    const log = opened.log<Entry>('events');
    await log.append({ n: 3 });
    assert.equal(await readFile(logPath(), 'utf8'), '{"n":1}\n{"n":3}\n');
    assert.equal(issues[0]?.kind, 'log-tail-torn');
    const kept = (await readdir(folder.path)).filter((name) => /^events\.torn-.+\.jsonl$/.test(name));
    assert.equal(kept.length, 1);
    assert.equal(await readFile(join(folder.path, kept[0] ?? ''), 'utf8'), '{"n":2,"te');
    assert.deepEqual(await log.readAll(), [{ n: 1 }, { n: 3 }]);
  });

  it('skips and reports a damaged line in the middle, keeping the lines around it', async () => {
    await writeFile(logPath(), '{"n":1}\nnot json\n{"n":3}\n');
    const { store: opened, issues } = await openStore();
    assert.deepEqual(await opened.log<Entry>('events').readAll(), [{ n: 1 }, { n: 3 }]);
    assert.deepEqual(issues, [{ kind: 'log-line-damaged', file: logPath(), line: 2 }]);
  });

  it('reads an absent log as empty', async () => {
    const { store: opened } = await openStore();
    assert.deepEqual(await opened.log('never-written').readAll(), []);
  });

  it('refuses an entry that is not JSON, and goes on appending after it', async () => {
    const { store: opened } = await openStore();
    const log = opened.log<unknown>('events');
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    await assert.rejects(log.append(circular), /not JSON/);
    await assert.rejects(log.append(undefined), /undefined is not JSON/);
    await log.append({ n: 1 });
    assert.deepEqual(await log.readAll(), [{ n: 1 }]);
  });

  it('hands out one writer object per log name', async () => {
    const { store: opened } = await openStore();
    assert.equal(opened.log('events'), opened.log('events'));
  });
});
