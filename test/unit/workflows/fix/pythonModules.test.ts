import * as assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppendLog } from '../../../../src/core/ports';
import type { JournalEntry } from '../../../../src/core/journal/journalEntry';
import { WriteJournal } from '../../../../src/core/journal/writeJournal';
import { NodeWorkspace } from '../../../../src/infra/nodeWorkspace';
import { pythonModules } from '../../../../src/workflows/fix/pythonModules';

const log: AppendLog<JournalEntry> = { append: async () => undefined, readAll: async () => [] };

describe("the project's own Python modules", () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'imperium-pymodules-'));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('are the top-level .py files and packages, at the root and in src/', async () => {
    await writeFile(join(root, 'word_count.py'), '');
    await writeFile(join(root, 'word_count_test.py'), '');
    await writeFile(join(root, 'notes.txt'), '');
    await mkdir(join(root, 'scoring'));
    await writeFile(join(root, 'scoring', '__init__.py'), '');
    await mkdir(join(root, 'data'));
    await mkdir(join(root, 'src', 'inventory'), { recursive: true });
    await writeFile(join(root, 'src', 'inventory', '__init__.py'), '');
    await writeFile(join(root, 'src', 'helpers.py'), '');
    const workspace = await NodeWorkspace.open(root, { journal: new WriteJournal(log) });
    assert.deepEqual(await pythonModules(workspace), ['helpers', 'inventory', 'scoring', 'word_count', 'word_count_test']);
  });
});
