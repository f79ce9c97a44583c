// The changes a review and a report show (issue 16, point 7): a file that cannot be shown as text
// is listed with the reason instead of breaking the listing; before the change the first of them
// threw a WorkspaceError and the review and the report with it.
import * as assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unifiedDiff } from '../../../../src/core/changeSet';
import { changedFiles, MAX_SHOWN_BYTES } from '../../../../src/core/journal/changedFiles';
import type { TouchedFile } from '../../../../src/core/journal/journalEntry';
import { WriteJournal } from '../../../../src/core/journal/writeJournal';
import { NodeWorkspace } from '../../../../src/infra/nodeWorkspace';
import { InMemoryAppendLog } from './inMemoryAppendLog';

describe('changedFiles', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'imperium-changed-files-'));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('lists a file too large or binary to show by its change and reason, and shows the others as text', async () => {
    const workspace = await NodeWorkspace.open(root, { journal: new WriteJournal(new InMemoryAppendLog()), maxFileBytes: 4096 });
    await writeFile(join(root, 'large.txt'), 'x'.repeat(5000));
    await writeFile(join(root, 'image.bin'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
    await writeFile(join(root, 'notes.md'), 'after\n');
    // The journal's record, as a test run's snapshot leaves it: created, modified, deleted (and large before).
    const touched: TouchedFile[] = [
      { path: 'large.txt' },
      { path: 'image.bin' },
      { path: 'notes.md', before: Buffer.from('before\n') },
      { path: 'old-dump.txt', before: Buffer.alloc(MAX_SHOWN_BYTES + 1, 'y') },
    ];
    const files = await changedFiles('wf-1', { touched: async () => touched }, workspace);
    assert.deepEqual(files, [
      { path: 'image.bin', notShown: { change: 'created', reason: '"image.bin" is a binary file; only text files can be read.' } },
      { path: 'large.txt', notShown: { change: 'created', reason: 'too large to show (5000 bytes)' } },
      { path: 'notes.md', before: 'before\n', after: 'after\n' },
      { path: 'old-dump.txt', notShown: { change: 'deleted', reason: `too large to show (${MAX_SHOWN_BYTES + 1} bytes)` } },
    ]);
    assert.equal(unifiedDiff(files[1]!), 'created large.txt: too large to show (5000 bytes); its content is not shown\n');
  });
});
