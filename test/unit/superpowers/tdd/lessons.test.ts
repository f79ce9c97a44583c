import * as assert from 'node:assert/strict';
import { draftLessons, testFilePattern } from '../../../../src/superpowers/tdd/lessons';

describe('Lessons an approved workflow teaches', () => {
  it('names where tests go by their pattern', () => {
    assert.equal(testFilePattern('test/size.test.js'), 'test/*.test.js');
    assert.equal(testFilePattern('src/cart/item.spec.ts'), 'src/cart/*.spec.ts');
    assert.equal(testFilePattern('tests/test_inventory.py'), 'tests/test_*.py');
    assert.equal(testFilePattern('pkg/store_test.go'), 'pkg/*_test.go');
    assert.equal(testFilePattern('checks.js'), 'checks.js');
  });

  it('drafts the test convention, the fix that worked, and the Board asks met, security ones for every project', () => {
    const lessons = draftLessons({
      request: 'Add Shelf#size(): the number of books.\nMore detail.',
      framework: 'node-test',
      testFiles: ['test/size.test.js'],
      fixed: { failure: 'tests-failing: 1 test failing', by: 'size() counts every book.' },
      addressed: ['CTO: Use this.books.length.', 'CSO [high] No eval of book titles (src/shelf.js:4)'],
    });
    assert.deepEqual(
      lessons.map((lesson) => [lesson.kind, lesson.scope, lesson.title]),
      [
        ['convention', 'workspace', 'Tests run with node:test, in test/*.test.js'],
        ['fix', 'workspace', 'Fix: size() counts every book.'],
        ['rule', 'workspace', 'Use this.books.length.'],
        ['rule', 'global', 'No eval of book titles (src/shelf.js:4)'],
      ],
    );
    assert.equal(lessons[1]?.text, 'A try at "Add Shelf#size(): the number of books." failed with tests-failing: 1 test failing. What made the tests pass: size() counts every book.');
    assert.deepEqual(lessons[3]?.tags, ['board', 'security']);
  });

  it('teaches only the convention when green passed at once and the Board asked for nothing', () => {
    assert.deepEqual(
      draftLessons({ request: 'x', framework: 'pytest', testFiles: ['tests/test_a.py', 'tests/test_b.py'] }).map((lesson) => lesson.title),
      ['Tests run with pytest, in tests/test_*.py'],
    );
  });
});
