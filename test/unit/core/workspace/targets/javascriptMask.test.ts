import * as assert from 'node:assert/strict';
import { maskJavaScript } from '../../../../../src/core/workspace/targets/javascriptMask';

const text = (source: { text: string }, span: { start: number; end: number }) => source.text.slice(span.start, span.end);

describe('masking JavaScript and TypeScript', () => {
  it('blanks comments and string contents in place, keeping quotes and every line break', () => {
    const input = "const a = '{'; // }\r\n/* { */ const b = \"}\";\n";
    const masked = maskJavaScript(input);
    assert.equal(masked.code.length, input.length);
    assert.equal(masked.code, "const a = ' ';     \r\n        const b = \" \";\n");
    assert.deepEqual(masked.comments.map((comment) => [comment.text, comment.ownLine]), [
      ['// }', false],
      ['/* { */', true],
    ]);
    assert.deepEqual(masked.strings.map((span) => text(masked, span)), ["'{'", '"}"']);
  });

  it('keeps the code inside a template literal, nested templates and object literals included', () => {
    const masked = maskJavaScript('const t = `a { ${ {x: `b}${y}`}.x } c }`;\nf();');
    assert.equal(masked.code, 'const t = `       {x: `    y `}.x      `;\nf();');
    assert.equal((masked.code.match(/{/g) ?? []).length, (masked.code.match(/}/g) ?? []).length, 'braces still balance');
    assert.ok(masked.code.endsWith('\nf();'));
  });

  it('tells a regular expression from a division', () => {
    const masked = maskJavaScript('const r = /[/}]"/g.test(s) ? a / b : (c) / 2; return /{/;');
    assert.equal(masked.code, 'const r = /       .test(s) ? a / b : (c) / 2; return /  ;');
    assert.deepEqual(masked.strings, [], 'a pattern is not a string');
  });

  it('ends a quote cut off by a line break at the break, so one stray quote spoils one line only', () => {
    const masked = maskJavaScript("<p>Don't {x}</p>;\nfunction f() {}\n");
    assert.equal(masked.code.split('\n')[1], 'function f() {}');
  });

  it('blanks a shebang line and reads an unclosed comment or string to the end', () => {
    assert.equal(maskJavaScript('#!/usr/bin/env node\nx / 2;').code, '                   \nx / 2;');
    assert.equal(maskJavaScript('a; /* open\n{').code, 'a;        \n ');
    assert.equal(maskJavaScript('a = `open ${').code, 'a = `       ');
  });
});
