import * as assert from 'node:assert/strict';
import { maskPython } from '../../../../../src/core/workspace/targets/pythonMask';

/** As many spaces as `text` has characters: what masking leaves of it. */
const blank = (text: string) => ' '.repeat(text.length);

describe('masking Python', () => {
  it('blanks comments and strings, prefixes and triple quotes included, keeping the quotes', () => {
    const input = 'x = rb"{#}"  # } comment\ny = f\'{a}\' + """\n  # not a comment\n""" + u\'\'\'it\'s\'\'\'\n';
    const masked = maskPython(input);
    assert.equal(masked.code.length, input.length);
    assert.equal(masked.code, `x = rb"${blank('{#}')}"  ${blank('# } comment')}\ny = f'${blank('{a}')}' + """\n${blank('  # not a comment')}\n""" + u'''${blank("it's")}'''\n`);
    assert.deepEqual(
      masked.comments.map((comment) => comment.text),
      ['# } comment'],
    );
    assert.equal(masked.strings.length, 4);
    assert.equal(input.slice(masked.strings[0].start, masked.strings[0].end), 'rb"{#}"');
  });

  it('does not take a name ending in a prefix letter for a prefix', () => {
    assert.equal(maskPython('bar"x"').code, 'bar" "');
    assert.equal(maskPython('br"x"').code, 'br" "');
  });

  it('keeps escaped quotes inside a string and line breaks of CRLF files', () => {
    assert.equal(maskPython("s = 'it\\'s'\r\n# c\r\n").code, `s = '${blank("it\\'s")}'\r\n${blank('# c')}\r\n`);
  });
});
