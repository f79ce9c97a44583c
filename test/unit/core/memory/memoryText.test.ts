import * as assert from 'node:assert/strict';
import type { MemoryRecord } from '../../../../src/core/memory/memoryRecord';
import { MemoryInputError } from '../../../../src/core/memory/memoryRecord';
import { editableMemory, memoryListLine, memoryMarkdown, parseEditedMemory } from '../../../../src/core/memory/memoryText';

const record: MemoryRecord = {
  id: 'mem-1',
  scope: 'workspace',
  kind: 'fix',
  title: 'Fix: size() counts every book',
  text: 'Counting only the books read was wrong.\nsize() is this.books.length.',
  tags: ['green'],
  provenance: { workflowId: 'wf-3', request: 'Add Shelf#size()', files: ['src/shelf.js', 'test/size.test.js'], tests: ['test/size.test.js::counts'], boardReasons: ['3 of 3 members approved'], promotedAt: Date.UTC(2025, 0, 2) },
  createdAt: Date.UTC(2025, 0, 2),
  updatedAt: Date.UTC(2025, 0, 3),
  editedByUser: true,
};

describe('A memory as a person reads and edits it', () => {
  it('is a line in a list: title, kind and scope, and where it was learned', () => {
    assert.deepEqual(memoryListLine(record), {
      label: 'Fix: size() counts every book',
      description: 'fix · this workspace · edited',
      detail: 'Learned in wf-3 ("Add Shelf#size()") · 2 files · 1 passing test',
    });
  });

  it('reads as markdown with its provenance', () => {
    const page = memoryMarkdown(record);
    assert.match(page, /^# Fix: size\(\) counts every book\n\n\*fix\*, kept for this workspace · tags: green\n\nCounting only the books read was wrong\.\nsize\(\) is this\.books\.length\.\n/);
    assert.match(page, /## Where it was learned\n\nWorkflow \*\*wf-3\*\*: Add Shelf#size\(\)\n\nPromoted 2025-01-02T00:00:00\.000Z, edited by you 2025-01-03T00:00:00\.000Z\./);
    assert.match(page, /### Files it changed\n- `src\/shelf\.js`\n- `test\/size\.test\.js`/);
    assert.match(page, /### The Board's reasons\n- 3 of 3 members approved/);
  });

  it('edits as a heading and the text below, parsed back whole, multi-line text included', () => {
    const document = editableMemory(record);
    assert.equal(document, '# Fix: size() counts every book\n\nCounting only the books read was wrong.\nsize() is this.books.length.\n');
    assert.deepEqual(parseEditedMemory(document.replace('every book', 'all books').replace(/\n/g, '\r\n')), {
      title: 'Fix: size() counts all books',
      text: 'Counting only the books read was wrong.\nsize() is this.books.length.',
    });
  });

  it('refuses an edited document without a title heading or without text, saying what is missing', () => {
    assert.throws(() => parseEditedMemory('Fix: no heading\n\ntext'), (error: unknown) => error instanceof MemoryInputError && /first line must be the title, as a heading/.test(error.message));
    assert.throws(() => parseEditedMemory('#   \n\ntext'), MemoryInputError);
    assert.throws(() => parseEditedMemory('# Title\n\n   \n'), (error: unknown) => error instanceof MemoryInputError && /text under the title is empty/.test(error.message));
  });
});
