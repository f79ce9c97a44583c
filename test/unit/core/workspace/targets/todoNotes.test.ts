import * as assert from 'node:assert/strict';
import { commentGroups, groupText } from '../../../../../src/core/workspace/targets/commentGroups';
import { maskJavaScript } from '../../../../../src/core/workspace/targets/javascriptMask';
import { maskPython } from '../../../../../src/core/workspace/targets/pythonMask';
import { describesWork, todoNotes } from '../../../../../src/core/workspace/targets/todoNotes';

const notesIn = (source: ReturnType<typeof maskJavaScript>) =>
  todoNotes(commentGroups(source)).map((note) => ({ tag: note.tag, text: note.text, lines: [note.startLine, note.endLine], work: describesWork(note) }));

describe('TODO notes in comments', () => {
  it('groups line comments alone on consecutive lines at one column, and strips the markers of doc comments', () => {
    const groups = commentGroups(maskJavaScript(['// one', '// two', 'x(); // trailing', '  // indented', '/**', ' * Doc line.', ' */'].join('\n')));
    assert.deepEqual(groups.map(groupText), ['one\ntwo', 'trailing', 'indented', 'Doc line.']);
    assert.deepEqual(groups.map((group) => [group.startLine, group.endLine]), [[0, 1], [2, 2], [3, 3], [4, 6]]);
  });

  it('reads TODO and FIXME with or without an owner, a colon or a dash, and JSDoc @todo', () => {
    const source = maskJavaScript(['// TODO: parse ISO dates', '/* FIXME(ana) - time zones */', '/**', ' * Sums.', ' * @todo handle NaN', ' */', 'f(); // TODO cache it'].join('\n'));
    assert.deepEqual(notesIn(source), [
      { tag: 'TODO', text: 'parse ISO dates', lines: [0, 0], work: true },
      { tag: 'FIXME', text: 'time zones', lines: [1, 1], work: true },
      { tag: 'TODO', text: 'handle NaN', lines: [4, 4], work: true },
      { tag: 'TODO', text: 'cache it', lines: [6, 6], work: true },
    ]);
  });

  it('runs a note on over the lines that continue it, up to an empty line or another tag', () => {
    const source = maskJavaScript(['// TODO: parse ISO dates', '//   and time zones', '//', '// Unrelated.', '/*', ' TODO:', ' retry on 503', ' @returns nothing', '*/'].join('\n'));
    assert.deepEqual(notesIn(source), [
      { tag: 'TODO', text: 'parse ISO dates and time zones', lines: [0, 1], work: true },
      { tag: 'TODO', text: 'retry on 503', lines: [5, 6], work: true },
    ]);
  });

  it('knows a bare TODO from one that describes work, and lower-case prose from a tag', () => {
    const source = maskJavaScript(['// TODO', '// Reads the config.', 'a();', '// TODO: ?', 'b();', '// the todo list is long', '// TODOS are fine'].join('\n'));
    assert.deepEqual(
      notesIn(source).map((note) => [note.text, note.work]),
      [
        ['', false],
        ['?', false],
      ],
    );
  });

  it('finds no note inside a string, in either language', () => {
    assert.deepEqual(notesIn(maskJavaScript("const s = '// TODO: not a comment';")), []);
    assert.deepEqual(notesIn(maskPython('s = """\n# TODO: not a comment\n"""\n# TODO: a comment\n')), [{ tag: 'TODO', text: 'a comment', lines: [3, 3], work: true }]);
  });
});
