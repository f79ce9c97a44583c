import * as assert from 'node:assert/strict';
import type { DiscoveredTest } from '../../../../src/core/ports';
import { buildTestTree, contains, nodePath, testFromId, type TestNode } from '../../../../src/host/testing/testTree';

const test = (file: string, suite: string[], name: string, line?: number): DiscoveredTest => ({
  id: `${file}::${[...suite, name].join(' > ')}`,
  file,
  suite,
  name,
  ...(line !== undefined && { line }),
});

/** The tree as `label (id) @line` lines, indented by depth. */
function outline(nodes: readonly TestNode[], depth = 0): string[] {
  return nodes.flatMap((node) => [`${'  '.repeat(depth)}${node.kind} ${node.label} (${node.id})${node.line ? ` @${node.line}` : ''}`, ...outline(node.children, depth + 1)]);
}

describe('test tree', () => {
  it('nests tests under their file and suites, in the order found, with their lines', () => {
    const tree = buildTestTree([
      test('test/calc.test.js', ['calc', 'add'], 'adds two numbers', 8),
      test('test/calc.test.js', ['calc', 'add'], 'adds negatives', 12),
      test('test/calc.test.js', ['calc'], 'subtracts', 17),
      test('test/text.test.js', [], 'trims', 3),
    ]);
    assert.deepEqual(outline(tree), [
      'file test/calc.test.js (test/calc.test.js)',
      '  suite calc (suite:test/calc.test.js::calc)',
      '    suite add (suite:test/calc.test.js::calc > add)',
      '      test adds two numbers (test/calc.test.js::calc > add > adds two numbers) @8',
      '      test adds negatives (test/calc.test.js::calc > add > adds negatives) @12',
      '    test subtracts (test/calc.test.js::calc > subtracts) @17',
      'file test/text.test.js (test/text.test.js)',
      '  test trims (test/text.test.js::trims) @3',
    ]);
  });

  it('keeps a suite and a test of the same title apart', () => {
    const tree = buildTestTree([test('a.test.js', ['parse'], 'empty'), test('a.test.js', [], 'parse')]);
    assert.deepEqual(
      tree[0].children.map((node) => [node.kind, node.id]),
      [
        ['suite', 'suite:a.test.js::parse'],
        ['test', 'a.test.js::parse'],
      ],
    );
  });

  it('makes two tests of one title in one suite one node, at the first one\'s line', () => {
    const tree = buildTestTree([test('a.test.js', ['s'], 'twice', 4), test('a.test.js', ['s'], 'twice', 9)]);
    assert.deepEqual(outline(tree), ['file a.test.js (a.test.js)', '  suite s (suite:a.test.js::s)', '    test twice (a.test.js::s > twice) @4']);
  });

  it('gives a test node its id, file and titles, so a run can name it', () => {
    const leaf = nodePath(test('t.py', ['TestCart'], 'test_total', 5)).at(-1);
    assert.deepEqual(leaf, { kind: 'test', id: 't.py::TestCart > test_total', label: 'test_total', file: 't.py', titles: ['TestCart', 'test_total'], testId: 't.py::TestCart > test_total', line: 5, children: [] });
  });

  it('reads a test an agent just wrote back from its id, and nothing from what is not an id', () => {
    assert.deepEqual(testFromId('test/new.test.js::cart > counts items'), { id: 'test/new.test.js::cart > counts items', file: 'test/new.test.js', name: 'counts items', suite: ['cart'] });
    assert.equal(testFromId('counts items'), undefined);
  });

  it('says which tests lie under a file, a suite or a test node', () => {
    const inner = test('a.test.js', ['outer', 'inner'], 'x');
    const [file, outer, innerSuite, leaf] = nodePath(inner);
    const sibling = test('a.test.js', ['outer'], 'y');
    const elsewhere = test('b.test.js', ['outer', 'inner'], 'x');
    assert.deepEqual([file, outer, innerSuite, leaf].map((node) => contains(node, inner)), [true, true, true, true]);
    assert.deepEqual([file, outer, innerSuite, leaf].map((node) => contains(node, sibling)), [true, true, false, false]);
    assert.deepEqual([file, outer, innerSuite, leaf].map((node) => contains(node, elsewhere)), [false, false, false, false]);
    // A test named like its suite is not inside the suite.
    assert.equal(contains(outer, test('a.test.js', [], 'outer')), false);
  });
});
