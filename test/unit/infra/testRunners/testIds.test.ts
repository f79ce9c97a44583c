import * as assert from 'node:assert/strict';
import { exactNamesPattern, filesToRun, isSelected, parseTestId, testId } from '../../../../src/infra/testRunners/testIds';

describe('test ids and selections', () => {
  it('builds ids from file, suites and title, and parses them back', () => {
    const id = testId('test/a.test.js', ['outer', 'inner'], 'adds');
    assert.equal(id, 'test/a.test.js::outer > inner > adds');
    assert.deepEqual(parseTestId(id), { file: 'test/a.test.js', titles: ['outer', 'inner', 'adds'] });
    assert.deepEqual(parseTestId('tests/t.py::test_x[a::b]'), { file: 'tests/t.py', titles: ['test_x[a::b]'] });
  });

  it('refuses what is not an id, saying what an id looks like', () => {
    assert.throws(() => parseTestId('adds'), /not a test id: expected <file>::<suite > title>/);
    assert.throws(() => parseTestId('a.js::'), /not a test id/);
  });

  it('runs the named files, else the files of the named tests', () => {
    assert.deepEqual(filesToRun({ files: ['./test/a.js', 'test\\b.js'], testIds: ['test/c.js::x'] }), ['test/a.js', 'test/b.js']);
    assert.deepEqual(filesToRun({ testIds: ['test/c.js::x', 'test/c.js::y', 'test/d.js::z'] }), ['test/c.js', 'test/d.js']);
    assert.deepEqual(filesToRun({}), []);
  });

  it('narrows results to both the files and the ids of a selection', () => {
    const test = { id: 'test/a.js::s > t', file: 'test/a.js' };
    assert.equal(isSelected(test, {}), true);
    assert.equal(isSelected(test, { files: ['test/a.js'] }), true);
    assert.equal(isSelected(test, { files: ['test/b.js'] }), false);
    assert.equal(isSelected(test, { testIds: ['test/a.js::s > t'] }), true);
    assert.equal(isSelected(test, { files: ['test/a.js'], testIds: ['test/a.js::other'] }), false);
  });

  it('matches exactly the given names, special characters included', () => {
    const pattern = new RegExp(exactNamesPattern(['adds (2 + 2)', 'a/b', 'adds (2 + 2)']));
    assert.equal(pattern.source, '^(?:adds \\(2 \\+ 2\\)|a\\/b)$');
    assert.ok(pattern.test('adds (2 + 2)') && pattern.test('a/b'));
    assert.ok(!pattern.test('adds (2 + 2) again') && !pattern.test('adds 22'));
  });
});
