import * as assert from 'node:assert/strict';
import type { JournalEntry, RestorableFiles } from '../../../../src/core/journal/journalEntry';
import { WriteJournal, contentHash } from '../../../../src/core/journal/writeJournal';
import type { WriteOrigin } from '../../../../src/core/ports';
import { InMemoryAppendLog } from './inMemoryAppendLog';

/** Test double for the files undo restores: a map of path to bytes, one of symlinks, plus a set of folders. */
class InMemoryFiles implements RestorableFiles {
  readonly files = new Map<string, Uint8Array>();
  readonly links = new Map<string, string>();
  readonly folders = new Set<string>();

  async readLink(path: string): Promise<string | undefined> {
    return this.links.get(path);
  }
  async writeLink(path: string, target: string): Promise<void> {
    if (this.files.has(path) || this.links.has(path)) throw new Error(`EEXIST: ${path}`);
    this.links.set(path, target);
  }

  async readBytes(path: string): Promise<Uint8Array | undefined> {
    return this.files.get(path);
  }
  async writeBytes(path: string, bytes: Uint8Array): Promise<void> {
    this.files.set(path, Uint8Array.from(bytes));
  }
  async remove(path: string): Promise<void> {
    this.files.delete(path);
    this.links.delete(path);
  }
  async removeFolderIfEmpty(path: string): Promise<void> {
    const inside = [...this.files.keys(), ...this.folders].some((entry) => entry.startsWith(`${path}/`));
    if (!inside) this.folders.delete(path);
  }
}

const bytes = (text: string) => new TextEncoder().encode(text);
/** Every byte value, including invalid UTF-8 and a NUL: what a text round trip would damage. */
const binary = Uint8Array.from({ length: 256 }, (_, index) => 255 - index);

describe('write journal', () => {
  let log: InMemoryAppendLog<JournalEntry>;
  let journal: WriteJournal;
  let files: InMemoryFiles;
  const wf1: WriteOrigin = { workflowId: 'wf-1', taskId: 't-1', agent: 'codebot' };
  const wf2: WriteOrigin = { workflowId: 'wf-2', agent: 'testbot' };

  beforeEach(() => {
    log = new InMemoryAppendLog();
    journal = new WriteJournal(log, { now: () => 1_700_000_000_000 });
    files = new InMemoryFiles();
  });

  /** What a Workspace does: journal first, then change the file. */
  async function write(origin: WriteOrigin, path: string, after: Uint8Array | undefined, createdFolders?: string[]): Promise<void> {
    await journal.record({ origin, path, before: files.files.get(path), after, createdFolders });
    if (after === undefined) files.files.delete(path);
    else files.files.set(path, after);
    createdFolders?.forEach((folder) => files.folders.add(folder));
  }

  it('records who wrote what, the previous bytes and the new hash', async () => {
    files.files.set('src/a.ts', bytes('old'));
    await write(wf1, 'src/a.ts', bytes('new'));
    await write(wf1, 'src/b.ts', bytes('created'), ['src/sub']);
    const [first, second] = await log.readAll();
    assert.deepEqual(first, {
      kind: 'write',
      seq: 1,
      at: 1_700_000_000_000,
      workflowId: 'wf-1',
      taskId: 't-1',
      agent: 'codebot',
      path: 'src/a.ts',
      op: 'write',
      existed: true,
      before: Buffer.from('old').toString('base64'),
      afterHash: contentHash(bytes('new')),
    });
    assert.equal(second.kind === 'write' && second.existed, false);
    assert.equal(second.kind === 'write' && second.before, undefined);
    assert.deepEqual(second.kind === 'write' && second.createdFolders, ['src/sub']);
  });

  it('undo restores every touched file byte for byte, binary content included', async () => {
    files.files.set('assets/logo.bin', binary);
    files.files.set('src/a.ts', bytes('line one\r\nline two\r\n'));
    await write(wf1, 'assets/logo.bin', bytes('overwritten'));
    await write(wf1, 'src/a.ts', bytes('first edit'));
    await write(wf1, 'src/a.ts', bytes('second edit'));

    const report = await journal.undo('wf-1', files);

    assert.deepEqual([...report.restored].sort(), ['assets/logo.bin', 'src/a.ts']);
    assert.deepEqual(report.deleted, []);
    assert.deepEqual(report.skipped, []);
    assert.deepEqual(files.files.get('assets/logo.bin'), binary);
    assert.deepEqual(files.files.get('src/a.ts'), bytes('line one\r\nline two\r\n'));
  });

  it('undo deletes only the files the workflow created, and the folders it made for them', async () => {
    files.files.set('src/keep.ts', bytes('keep'));
    files.folders.add('src');
    await write(wf1, 'src/new/deep/file.ts', bytes('new'), ['src/new', 'src/new/deep']);
    await write(wf1, 'src/keep.ts', bytes('changed'));

    const report = await journal.undo('wf-1', files);

    assert.deepEqual(report.deleted, ['src/new/deep/file.ts']);
    assert.deepEqual(report.restored, ['src/keep.ts']);
    assert.deepEqual([...files.files.keys()], ['src/keep.ts']);
    assert.deepEqual([...files.folders], ['src']);
  });

  it('undo brings back a file the workflow deleted', async () => {
    files.files.set('README.md', binary);
    await write(wf1, 'README.md', undefined);
    const report = await journal.undo('wf-1', files);
    assert.deepEqual(report.restored, ['README.md']);
    assert.deepEqual(files.files.get('README.md'), binary);
  });

  it('undoes only the files asked for; the others stay, and a later undo takes them back', async () => {
    files.files.set('kept.ts', bytes('kept before'));
    files.files.set('reverted.ts', bytes('reverted before'));
    await write(wf1, 'kept.ts', bytes('kept after'));
    await write(wf1, 'reverted.ts', bytes('reverted after'));
    const report = await journal.undo('wf-1', files, { paths: ['reverted.ts'] });
    assert.deepEqual(report.restored, ['reverted.ts']);
    assert.deepEqual(files.files.get('reverted.ts'), bytes('reverted before'));
    assert.deepEqual(files.files.get('kept.ts'), bytes('kept after'));
    assert.deepEqual(
      (await journal.touched('wf-1')).map((file) => file.path),
      ['kept.ts'],
    );
    assert.deepEqual((await journal.undo('wf-1', files)).restored, ['kept.ts']);
  });

  it("leaves other workflows' writes alone", async () => {
    await write(wf1, 'a.ts', bytes('wf1'));
    await write(wf2, 'b.ts', bytes('wf2'));
    await journal.undo('wf-1', files);
    assert.deepEqual([...files.files.keys()], ['b.ts']);
  });

  it('skips a file changed after the workflow wrote it, unless forced', async () => {
    files.files.set('a.ts', bytes('original'));
    await write(wf1, 'a.ts', bytes('agent'));
    files.files.set('a.ts', bytes('edited by a person'));

    const report = await journal.undo('wf-1', files);
    assert.deepEqual(report.restored, []);
    assert.equal(report.skipped.length, 1);
    assert.match(report.skipped[0].reason, /was changed after the workflow last wrote it/);
    assert.deepEqual(files.files.get('a.ts'), bytes('edited by a person'));

    const forced = await journal.undo('wf-1', files, { force: true });
    assert.deepEqual(forced.restored, ['a.ts']);
    assert.deepEqual(files.files.get('a.ts'), bytes('original'));
  });

  it('undoing twice changes nothing the second time', async () => {
    await write(wf1, 'a.ts', bytes('new'));
    await journal.undo('wf-1', files);
    files.files.set('a.ts', bytes('the person made it again'));
    const again = await journal.undo('wf-1', files);
    assert.deepEqual(again, { restored: [], deleted: [], skipped: [] });
    assert.deepEqual(files.files.get('a.ts'), bytes('the person made it again'));
  });

  it('rollback undoes only what was written after the mark, and a later undo the rest', async () => {
    files.files.set('src/a.ts', bytes('v0'));
    await write(wf1, 'src/a.ts', bytes('v1 green'));
    const mark = await journal.mark();
    await write(wf1, 'src/a.ts', bytes('v2 refactor'));
    await write(wf1, 'src/helper.ts', bytes('extracted'));
    await write(wf2, 'other.ts', bytes('other workflow, after the mark'));

    const rolledBack = await journal.rollback('wf-1', mark, files);
    assert.deepEqual(rolledBack.restored, ['src/a.ts']);
    assert.deepEqual(rolledBack.deleted, ['src/helper.ts']);
    assert.deepEqual(files.files.get('src/a.ts'), bytes('v1 green'));
    assert.ok(files.files.has('other.ts'));

    await write(wf1, 'src/a.ts', bytes('v3 second refactor'));
    const undone = await journal.undo('wf-1', files);
    assert.deepEqual(undone.restored, ['src/a.ts']);
    assert.deepEqual(files.files.get('src/a.ts'), bytes('v0'));
  });

  it('lists the touched files as they were before the workflow', async () => {
    files.files.set('a.ts', bytes('before'));
    await write(wf1, 'a.ts', bytes('x'));
    await write(wf1, 'a.ts', bytes('y'));
    await write(wf1, 'b.ts', bytes('new'));
    assert.deepEqual(await journal.touched('wf-1'), [{ path: 'a.ts', before: Buffer.from('before') }, { path: 'b.ts' }]);
  });

  it('undoes symlinks as links: a file a run replaced with one, a link it retargeted, a link it planted', async () => {
    files.files.set('config.json', bytes('{}'));
    files.links.set('current', 'a.txt');
    await journal.record({ origin: wf1, path: 'config.json', before: bytes('{}'), after: undefined, afterLink: '/etc/passwd' });
    files.files.delete('config.json');
    files.links.set('config.json', '/etc/passwd');
    await journal.record({ origin: wf1, path: 'current', before: undefined, beforeLink: 'a.txt', after: undefined, afterLink: 'b.txt' });
    files.links.set('current', 'b.txt');
    await journal.record({ origin: wf1, path: 'escape', before: undefined, after: undefined, afterLink: '../outside' });
    files.links.set('escape', '../outside');
    assert.deepEqual(
      (await journal.touched('wf-1')).map((file) => [file.path, file.beforeLink, file.afterLink, file.before && new TextDecoder().decode(file.before)]),
      [['config.json', undefined, '/etc/passwd', '{}'], ['current', 'a.txt', 'b.txt', undefined], ['escape', undefined, '../outside', undefined]],
    );
    const report = await journal.undo('wf-1', files);
    assert.deepEqual([...report.restored].sort(), ['config.json', 'current']);
    assert.deepEqual(report.deleted, ['escape']);
    assert.deepEqual(files.files.get('config.json'), bytes('{}'));
    assert.deepEqual([...files.links], [['current', 'a.txt']]);
  });

  it('leaves a link someone retargeted after the workflow made it, unless forced', async () => {
    await journal.record({ origin: wf1, path: 'escape', before: undefined, after: undefined, afterLink: '../outside' });
    files.links.set('escape', 'elsewhere');
    const report = await journal.undo('wf-1', files);
    assert.match(report.skipped[0]?.reason ?? '', /was changed after the workflow last wrote it/);
    assert.deepEqual((await journal.undo('wf-1', files, { force: true })).deleted, ['escape']);
  });

  it('survives a restart: a new journal over the same log continues the sequence and undoes', async () => {
    files.files.set('a.ts', bytes('v0'));
    await write(wf1, 'a.ts', bytes('v1'));
    journal = new WriteJournal(log);
    const mark = await journal.mark();
    assert.equal(mark.seq, 1);
    await write(wf1, 'b.ts', bytes('new'));
    assert.equal((await log.readAll())[1].seq, 2);
    await journal.undo('wf-1', files);
    assert.deepEqual([...files.files], [['a.ts', bytes('v0')]]);
  });

  it('gives concurrent records distinct, increasing sequence numbers', async () => {
    await Promise.all(Array.from({ length: 20 }, (_, index) => journal.record({ origin: wf1, path: `f${index}`, before: undefined, after: bytes('x') })));
    assert.deepEqual(
      (await log.readAll()).map((entry) => entry.seq),
      Array.from({ length: 20 }, (_, index) => index + 1),
    );
  });

  it('reports a file it could not restore and goes on with the others', async () => {
    await write(wf1, 'a.ts', bytes('new'));
    await write(wf1, 'b.ts', bytes('new'));
    const failing: RestorableFiles = {
      readBytes: (path) => files.readBytes(path),
      writeBytes: (path, content) => files.writeBytes(path, content),
      readLink: (path) => files.readLink(path),
      writeLink: (path, target) => files.writeLink(path, target),
      removeFolderIfEmpty: (path) => files.removeFolderIfEmpty(path),
      remove: async (path) => {
        if (path === 'b.ts') throw new Error('EACCES: permission denied');
        await files.remove(path);
      },
    };
    const report = await journal.undo('wf-1', failing);
    assert.deepEqual(report.deleted, ['a.ts']);
    assert.deepEqual(report.skipped, [{ path: 'b.ts', reason: 'could not be restored: EACCES: permission denied' }]);
    // Its write stays in the journal, so a later undo can finish the job.
    assert.deepEqual((await journal.undo('wf-1', files)).deleted, ['b.ts']);
  });

  it('records the skills agents used in the same sequence as the writes, and undo passes over them', async () => {
    await write(wf1, 'a.ts', bytes('new'));
    const use = await journal.recordSkillUse({ workflowId: 'wf-1', taskId: 't-1', agent: 'codebot', name: 'tdd', source: 'builtin', sourceLabel: 'built-in', contentHash: 'f'.repeat(64) });
    await write(wf1, 'b.ts', bytes('later'));
    assert.equal(use.kind, 'skill');
    assert.equal(use.seq, 2);
    assert.deepEqual((await journal.skillUses('wf-1')).map((entry) => [entry.name, entry.seq]), [['tdd', 2]]);
    assert.deepEqual(await journal.skillUses('wf-2'), []);
    assert.deepEqual((await journal.writes('wf-1')).map((entry) => entry.seq), [1, 3]);
    const report = await journal.undo('wf-1', files);
    assert.deepEqual([...report.deleted].sort(), ['a.ts', 'b.ts']);
    assert.deepEqual(report.skipped, []);
  });
});
