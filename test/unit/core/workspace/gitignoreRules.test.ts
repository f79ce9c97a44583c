import * as assert from 'node:assert/strict';
import { GitignoreRules } from '../../../../src/core/workspace/gitignoreRules';

describe('gitignore rules', () => {
  const rules = GitignoreRules.none.with('', 'dist/\n*.log\n!keep.log\n/coverage\n').with('packages/app', 'tmp/\n!debug.log\n');

  const cases: [string, boolean, boolean][] = [
    ['dist', true, true],
    ['dist', false, false],
    ['src/dist', true, true],
    ['error.log', false, true],
    ['keep.log', false, false],
    ['coverage', true, true],
    ['src/coverage', true, false],
    ['packages/app/tmp', true, true],
    ['tmp', true, false],
    ['packages/app/debug.log', false, false],
    ['packages/app/trace.log', false, true],
    ['src/index.ts', false, false],
  ];
  for (const [path, isDirectory, ignored] of cases) {
    it(`${ignored ? 'ignores' : 'keeps'} ${path}${isDirectory ? '/' : ''}`, () => {
      assert.equal(rules.ignores(path, isDirectory), ignored);
    });
  }

  it('ignores nothing without a .gitignore', () => {
    assert.equal(GitignoreRules.none.ignores('dist', true), false);
  });
});
