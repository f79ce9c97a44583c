import * as assert from 'node:assert/strict';
import type { PackageManifest } from '../../../../src/infra/testRunners/packageManifest';
import { commands, findTestInvocation, optionWords, splitArgs } from '../../../../src/infra/testRunners/scriptInvocation';

function manifest(scripts: Record<string, string>): PackageManifest {
  return { scripts, dependencies: new Set(), keys: new Set(['scripts']) };
}

describe('package script invocations', () => {
  it('splits a command line into commands and words, honouring quotes and escapes', () => {
    assert.deepEqual(commands(`tsc && mocha --require tsx 'test/**/*.ts' "a b" c\\ d; echo done || true | cat`), [
      ['tsc'],
      ['mocha', '--require', 'tsx', 'test/**/*.ts', 'a b', 'c d'],
      ['echo', 'done'],
      ['true'],
      ['cat'],
    ]);
    assert.deepEqual(commands(`node -e "console.log(\\"hi\\")" ''`), [['node', '-e', 'console.log("hi")', '']]);
  });

  it('finds the framework past launchers, environment assignments and bin paths', () => {
    const found = findTestInvocation(manifest({ test: 'npm run build && cross-env NODE_ENV=test npx --yes ./node_modules/.bin/jest --ci' }), (i) => i.command === 'jest');
    assert.deepEqual(found, { command: 'jest', args: ['--ci'] });
  });

  it('follows npm, pnpm and yarn into the scripts they run', () => {
    const scripts = { test: 'npm run lint && npm run test:unit', lint: 'eslint .', 'test:unit': 'yarn unit', unit: 'vitest run --root src' };
    assert.deepEqual(findTestInvocation(manifest(scripts), (i) => i.command === 'vitest'), { command: 'vitest', args: ['run', '--root', 'src'] });
  });

  it('stops at scripts that run each other in a loop', () => {
    assert.equal(findTestInvocation(manifest({ test: 'npm run a', a: 'npm test' }), () => true), undefined);
  });

  it('finds nothing without a test script or a package.json', () => {
    assert.equal(findTestInvocation(manifest({ build: 'tsc' }), () => true), undefined);
    assert.equal(findTestInvocation(undefined, () => true), undefined);
  });

  it('separates options (with the values named options take) from positional arguments', () => {
    const split = splitArgs(['--require', 'tsx', '--timeout=5000', '-b', 'test/a.js', '--', '--literal'], new Set(['--require']));
    assert.deepEqual(split, { options: [['--require', 'tsx'], ['--timeout=5000'], ['-b']], positionals: ['test/a.js', '--literal'] });
    assert.deepEqual(optionWords(split.options, new Set(['--timeout', '-b'])), ['--require', 'tsx']);
  });
});
