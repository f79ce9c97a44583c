import * as assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileQuery, matchLines } from '../../../src/core/workspace/textSearch';
import { searchableText } from '../../../src/infra/searchableText';

// The byte-level quick tests pass a file over only when no line of it can match: checked here against
// matching the decoded text line by line, on text whose case folding is not plain ASCII.
describe('searchable text', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'imperium-searchable-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const texts = [
    'degrees \u212Aelvin\n',
    'İNDEX of the needles: aİ\n',
    'plain ascii INDEX and Kelvin\n',
    'ÉCOLE école Straße STRASSE ſtar\n',
    'no match in here at all\n',
    'emoji 🎉 and a tab\tNEEDLE\r\nnext line\n',
  ];
  const queries = ['kelvin', 'k', 'index', 'ai', 'i', 'needle', 'école', 'star', 'strasse', 'a\tneedle', 'nothing'];

  it('returns the text of every file with a match, ignoring case or not, and leaves out the rest', async () => {
    for (const [index, content] of texts.entries()) {
      const file = join(dir, `${index}.txt`);
      await writeFile(file, content);
      for (const query of queries) {
        for (const caseSensitive of [false, true]) {
          const matcher = compileQuery(query, { caseSensitive });
          const expected = matchLines('x', content, matcher, 100).length > 0;
          const text = searchableText(file, 1024, matcher);
          if (expected) assert.equal(text, content, `${JSON.stringify(query)} (case-sensitive: ${caseSensitive}) in ${JSON.stringify(content)}`);
          // A file with no match may still be read (the quick tests are only ever a superset).
          else if (text !== undefined) assert.equal(text, content);
        }
      }
    }
  });

  it('passes over a file without the query by its bytes alone, ignoring case too', async () => {
    const file = join(dir, 'plain.txt');
    await writeFile(file, 'nothing to see\n');
    assert.equal(searchableText(file, 1024, compileQuery('needle', {})), undefined);
    assert.equal(searchableText(file, 1024, compileQuery('NEEDLE', { caseSensitive: true })), undefined);
    assert.equal(searchableText(file, 1024, compileQuery('NOTHING', {})), 'nothing to see\n');
  });
});
