import * as assert from 'node:assert/strict';
import { WorkspaceError } from '../../../../src/core/ports';
import { compileQuery, looksBinary, matchLines } from '../../../../src/core/workspace/textSearch';

describe('text search', () => {
  const text = 'export function add(a, b) {\r\n  return a + b;\r\n}\nconst ADD = add;\n';

  it('matches plain text case-insensitively by default, with 1-based lines', () => {
    const found = matchLines('src/math.ts', text, compileQuery('add', {}), 10);
    assert.deepEqual(
      found.map((match) => [match.line, match.text]),
      [
        [1, 'export function add(a, b) {'],
        [4, 'const ADD = add;'],
      ],
    );
  });

  it('honours case sensitivity and regular expressions', () => {
    assert.equal(matchLines('x', text, compileQuery('ADD', { caseSensitive: true }), 10).length, 1);
    assert.deepEqual(
      matchLines('x', text, compileQuery('^\\s+return', { regex: true }), 10).map((match) => match.line),
      [2],
    );
    // A plain query is not a pattern: '+' is just a character.
    assert.deepEqual(
      matchLines('x', text, compileQuery('a + b', {}), 10).map((match) => match.line),
      [2],
    );
  });

  it('stops at the limit and cuts very long lines', () => {
    const long = `${'x'.repeat(1000)}\nx\nx\n`;
    const found = matchLines('min.js', long, compileQuery('x', {}), 2);
    assert.equal(found.length, 2);
    assert.equal(found[0].text.length, 401);
    assert.ok(found[0].text.endsWith('…'));
  });

  it('refuses an invalid regular expression with the reason, and an empty query', () => {
    assert.throws(() => compileQuery('(unclosed', { regex: true }), (error: unknown) => {
      assert.ok(error instanceof WorkspaceError);
      assert.equal(error.code, 'refused');
      assert.match(error.message, /not a valid regular expression: .*Unterminated group/);
      return true;
    });
    assert.throws(() => compileQuery('', {}), /empty/);
  });

  it('tells binary from text by a NUL byte near the start', () => {
    assert.equal(looksBinary(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01])), true);
    assert.equal(looksBinary(new TextEncoder().encode('plain text é')), false);
  });
});
