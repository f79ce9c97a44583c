import * as assert from 'node:assert/strict';
import { Minimatch } from 'minimatch';
import { changesTestList, WATCHED_FILES } from '../../../../src/host/testing/testFileChanges';

describe('test file changes', () => {
  const listChanging = [
    'test/calc.test.js',
    'src/cart.spec.ts',
    'lib/parse_test.mjs',
    'test-utils.js',
    'tests/helpers.js',
    'src/__tests__/cart.tsx',
    'tests/test_inventory.py',
    'app/inventory_test.py',
    'package.json',
    'packages/web/.mocharc.yml',
    'jest.config.ts',
    'vitest.config.mts',
    'pytest.ini',
    'conftest.py',
    'pyproject.toml',
  ];
  const others = ['src/calc.js', 'src/testing.ts', 'README.md', 'node_modules/x/test/a.test.js', '.venv/lib/test_x.py', 'src/contest.py', 'docs/spec.md'];

  it('refreshes for test files and the files that say which tests there are', () => {
    assert.deepEqual(listChanging.filter((path) => !changesTestList(path)), []);
  });

  it('leaves the list alone for source files, dependencies and hidden folders', () => {
    assert.deepEqual(others.filter((path) => changesTestList(path)), []);
  });

  it('watches every file that can change the list', () => {
    const watched = new Minimatch(WATCHED_FILES, { dot: true });
    assert.deepEqual(listChanging.filter((path) => !watched.match(path)), []);
  });
});
