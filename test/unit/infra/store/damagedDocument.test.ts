import * as assert from 'node:assert/strict';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { JsonStore } from '../../../../src/infra/store/jsonStore';
import type { StoreIssue } from '../../../../src/infra/store/storeIssue';
import { issueRecorder, RecordingLogger, useTempFolder } from './storeTestKit';

interface Notes {
  notes: string[];
}

const noNotes = (): Notes => ({ notes: [] });

describe('JsonStore damaged documents', () => {
  let store: JsonStore | undefined;
  afterEach(async () => {
    await store?.close();
    store = undefined;
  });
  const folder = useTempFolder('store-damage');

  /** Writes a good document (and so its backup) in a store that is then closed. */
  async function writeGoodDocument(notes: string[]): Promise<void> {
    const writer = await JsonStore.open({ folder: folder.path, logger: new RecordingLogger() });
    const doc = await writer.document('notes', noNotes);
    doc.update((data) => void data.notes.push(...notes));
    await writer.close();
  }

  async function reopen(): Promise<{ notes: Notes; issues: StoreIssue[]; logger: RecordingLogger }> {
    const { issues, onIssue } = issueRecorder();
    const logger = new RecordingLogger();
    store = await JsonStore.open({ folder: folder.path, logger, onIssue });
    const doc = await store.document('notes', noNotes);
    return { notes: doc.data, issues, logger };
  }

  const filesMatching = async (pattern: RegExp) => (await readdir(folder.path)).filter((name) => pattern.test(name));

  for (const [damage, content] of [
    ['invalid JSON (a torn write)', '{"notes": ["first", "sec'],
    ['an empty file (lost on power loss)', ''],
    ['JSON that is not an object', '42'],
  ] as const) {
    it(`restores the backup over ${damage}, keeping the damaged copy aside`, async () => {
      await writeGoodDocument(['first', 'second']);
      await writeFile(join(folder.path, 'notes.json'), content);

      const { notes, issues, logger } = await reopen();

      assert.deepEqual(notes.notes, ['first', 'second']);
      assert.equal(issues.length, 1);
      const issue = issues[0];
      assert.equal(issue?.kind, 'document-restored');
      const copies = await filesMatching(/^notes\.damaged-.+\.json$/);
      assert.equal(copies.length, 1);
      assert.equal(await readFile(join(folder.path, copies[0] ?? ''), 'utf8'), content, 'the damaged bytes are kept as they were');
      assert.match(logger.lines.join('\n'), /^warn store: .*notes\.json was damaged.*restored from its backup/m);
      assert.deepEqual(JSON.parse(await readFile(join(folder.path, 'notes.json'), 'utf8')), { notes: ['first', 'second'] }, 'the good copy is back in place');
    });
  }

  it('starts over when the backup is damaged too, keeping both copies and logging an error', async () => {
    await writeGoodDocument(['first']);
    await writeFile(join(folder.path, 'notes.json'), '{"notes": [');
    await writeFile(join(folder.path, 'notes.json.bak'), 'garbage');

    const { notes, issues, logger } = await reopen();

    assert.deepEqual(notes, { notes: [] });
    assert.equal(issues[0]?.kind, 'document-reset');
    assert.equal((await filesMatching(/^notes\.damaged-.+\.json$/)).length, 1);
    assert.equal((await filesMatching(/^notes\.bak-damaged-.+\.json$/)).length, 1);
    assert.match(logger.lines.join('\n'), /^error store: .*notes\.json and its backup were unusable/m);
  });

  it('starts over when the document is damaged and there is no backup, keeping the damaged copy', async () => {
    await writeFile(join(folder.path, 'notes.json'), '{oops');
    const { notes, issues } = await reopen();
    assert.deepEqual(notes, { notes: [] });
    assert.equal(issues[0]?.kind, 'document-reset');
    assert.match(issues[0]?.kind === 'document-reset' ? issues[0].reason : '', /backup: missing/);
    assert.equal((await filesMatching(/^notes\.damaged-.+\.json$/)).length, 1);
  });

  it('puts the backup back when the document itself is missing', async () => {
    await writeGoodDocument(['kept']);
    await rm(join(folder.path, 'notes.json'));
    const { notes, issues } = await reopen();
    assert.deepEqual(notes.notes, ['kept']);
    assert.deepEqual(issues.map((issue) => issue.kind), ['document-missing-restored']);
  });

  it('reports nothing for a healthy document', async () => {
    await writeGoodDocument(['fine']);
    const { issues, logger } = await reopen();
    assert.deepEqual(issues, []);
    assert.deepEqual(logger.lines, []);
  });
});
