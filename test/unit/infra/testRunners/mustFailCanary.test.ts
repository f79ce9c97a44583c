// Adversarial (issue 16, point 2): code under test that makes the framework's own assertions or its
// reporting pass everything (jest's and vitest's expect.extend, mocha's runner, a preload wrapping
// node:test, a conftest.py hook rewriting pytest's reports). Before the must-fail canary the runs
// came back all passed and trusted: the exit codes agreed and node:assert was untouched. Each case
// is also run for one chosen test, which must still include the canary. The honest runs stay trusted
// and show none of the canary's tests.
import * as assert from 'node:assert/strict';
import type { TestFramework, TestRunResult } from '../../../../src/shared/testResults';
import { WorkspaceTestRunner } from '../../../../src/infra/testRunners/workspaceTestRunner';
import { repositoryProjects } from '../../../support/repositoryProjects';
import { greenGate } from '../../../../src/superpowers/tdd/greenGate';

const HONEST_ADD = 'exports.add = (a, b) => a + b;\n';
const WRONG_ADD = 'exports.add = (a, b) => a - b;\n';
const CONFTEST = 'import os, sys\nsys.path.insert(0, os.path.dirname(__file__))\n';

interface Case {
  readonly framework: TestFramework;
  /** An honest project with one passing test. */
  readonly files: Record<string, string>;
  /** What the tampering run changes: a wrong add(), and the code that makes its test pass anyway. */
  readonly tampering: Record<string, string>;
  readonly id: string;
}

const CASES: readonly Case[] = [
  {
    framework: 'jest',
    files: {
      'package.json': JSON.stringify({ name: 'p', scripts: { test: 'jest' }, jest: { testEnvironment: 'node' } }),
      'test/add.test.js': "const { add } = require('../src/add');\ntest('adds', () => expect(add(1, 2)).toBe(3));\n",
      'src/add.js': HONEST_ADD,
    },
    tampering: { 'src/add.js': `expect.extend({ toBe: () => ({ pass: true, message: () => '' }) });\n${WRONG_ADD}` },
    id: 'test/add.test.js::adds',
  },
  {
    framework: 'vitest',
    files: {
      'package.json': JSON.stringify({ name: 'p', type: 'module', scripts: { test: 'vitest run' } }),
      'vitest.config.mjs': 'export default {};\n',
      'test/add.test.js': "import { expect, test } from 'vitest';\nimport { add } from '../src/add.js';\ntest('adds', () => expect(add(1, 2)).toBe(3));\n",
      'src/add.js': 'export const add = (a, b) => a + b;\n',
    },
    tampering: { 'src/add.js': "import { expect } from 'vitest';\nexpect.extend({ toBe: () => ({ pass: true, message: () => '' }) });\nexport const add = (a, b) => a - b;\n" },
    id: 'test/add.test.js::adds',
  },
  {
    framework: 'mocha',
    files: {
      'package.json': JSON.stringify({ name: 'p', scripts: { test: 'mocha' } }),
      '.mocharc.json': '{"spec": ["test/*.test.js"]}',
      'test/add.test.js': "const assert = require('node:assert/strict');\nconst { add } = require('../src/add');\nit('adds', () => assert.equal(add(1, 2), 3));\n",
      'src/add.js': HONEST_ADD,
    },
    // The runner reports every failure as a pass and counts none, so mocha exits 0.
    tampering: { 'src/add.js': `const { Runner } = require('mocha');\nRunner.prototype.fail = function (test) { test.state = 'passed'; this.emit('pass', test); };\n${WRONG_ADD}` },
    id: 'test/add.test.js::adds',
  },
  {
    framework: 'node-test',
    files: {
      'package.json': JSON.stringify({ name: 'p', scripts: { test: 'node --require ./src/register.js --test test/' } }),
      'src/add.js': HONEST_ADD,
      'src/register.js': '',
      'test/add.test.js': "const { test } = require('node:test');\nconst assert = require('node:assert/strict');\nconst { add } = require('../src/add');\ntest('adds', () => assert.equal(add(1, 2), 3));\n",
    },
    // A preload in every test process that hands out a node:test whose tests swallow their failures.
    tampering: {
      'src/add.js': WRONG_ADD,
      'src/register.js': `const Module = require('node:module');
const load = Module._load;
Module._load = function (request, ...rest) {
  const real = load.call(this, request, ...rest);
  if (request !== 'node:test') return real;
  const quiet = (fn) => (...args) => { try { const result = fn(...args); return result && result.then ? result.catch(() => {}) : result; } catch {} };
  const test = (name, ...more) => real.test(name, ...more.map((arg) => (typeof arg === 'function' ? quiet(arg) : arg)));
  return Object.assign(test, real, { test });
};
`,
    },
    id: 'test/add.test.js::adds',
  },
  {
    framework: 'pytest',
    files: {
      'pytest.ini': '[pytest]\n',
      'tests/test_add.py': 'from add import add\n\ndef test_adds():\n    assert add(1, 2) == 3\n',
      'add.py': 'def add(a, b):\n    return a + b\n',
      'conftest.py': CONFTEST,
    },
    // A conftest.py hook that rewrites every report to passed (pytest then counts no failure and exits 0).
    tampering: {
      'add.py': 'def add(a, b):\n    return a - b\n',
      'conftest.py': `${CONFTEST}import pytest

@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    outcome.get_result().outcome = 'passed'
`,
    },
    id: 'tests/test_add.py::test_adds',
  },
];

describe('the must-fail canary', function () {
  this.timeout(90_000);
  const project = repositoryProjects('canary');

  const outcomes = (result: TestRunResult): string[] => result.tests.map((test) => `${test.id} ${test.status}`);

  // mocha refuses --file in parallel mode: there the canary is one more spec file.
  it('mocha in parallel mode: an honest run completes, trusted, with the canary in its own worker', async () => {
    const mocha = CASES.find((example) => example.framework === 'mocha') as Case;
    const runner = new WorkspaceTestRunner(project({ ...mocha.files, '.mocharc.json': '{"spec": ["test/*.test.js"], "parallel": true}' }), { framework: 'mocha' });
    for (const result of [await runner.run({}), await runner.run({ testIds: [mocha.id] })]) {
      assert.equal(result.outcome, 'completed', JSON.stringify(result.errors));
      assert.deepEqual(outcomes(result), [`${mocha.id} passed`], result.output);
      assert.equal(result.untrusted, undefined, (result.untrusted ?? []).join('\n'));
    }
  });

  // The canary's must-fail test is a failure the framework sees: it must not trip a bail (or pytest's -x).
  const BAILING: readonly { readonly framework: TestFramework; readonly files: Record<string, string>; readonly passing: string; readonly failing: string }[] = [
    {
      framework: 'jest',
      files: { 'package.json': JSON.stringify({ name: 'p', scripts: { test: 'jest' }, jest: { testEnvironment: 'node', bail: 1 } }) },
      passing: "test('one', () => expect(1).toBe(1));\n",
      failing: "test('one', () => expect(1).toBe(2));\n",
    },
    {
      framework: 'vitest',
      files: { 'package.json': JSON.stringify({ name: 'p', type: 'module', scripts: { test: 'vitest run' } }), 'vitest.config.mjs': 'export default { test: { bail: 1 } };\n' },
      passing: "import { expect, test } from 'vitest';\ntest('one', () => expect(1).toBe(1));\n",
      failing: "import { expect, test } from 'vitest';\ntest('one', () => expect(1).toBe(2));\n",
    },
    {
      framework: 'mocha',
      files: { 'package.json': JSON.stringify({ name: 'p', scripts: { test: 'mocha' } }), '.mocharc.json': '{"spec": ["test/*.test.js"], "bail": true}' },
      passing: "const assert = require('node:assert');\nit('one', () => assert.equal(1, 1));\n",
      failing: "const assert = require('node:assert');\nit('one', () => assert.equal(1, 2));\n",
    },
    {
      framework: 'pytest',
      files: { 'pytest.ini': '[pytest]\naddopts = -x\n' },
      passing: 'def test_one():\n    assert 1 == 1\n',
      failing: 'def test_one():\n    assert 1 == 2\n',
    },
  ];
  for (const example of BAILING) {
    it(`${example.framework} with bail set: runs every file of an honest run and trusts it; a real failure is not taken for tampering`, async () => {
      const file = (name: string) => (example.framework === 'pytest' ? `tests/test_${name}.py` : `test/${name}.test.js`);
      const id = (name: string) => `${file(name)}::${example.framework === 'pytest' ? 'test_one' : 'one'}`;
      const honest = await new WorkspaceTestRunner(project({ ...example.files, [file('a')]: example.passing, [file('b')]: example.passing }), { framework: example.framework }).run({});
      assert.deepEqual(outcomes(honest).sort(), [`${id('a')} passed`, `${id('b')} passed`], honest.output);
      assert.equal(honest.untrusted, undefined, (honest.untrusted ?? []).join('\n'));
      const failing = await new WorkspaceTestRunner(project({ ...example.files, [file('a')]: example.failing, [file('b')]: example.passing }), { framework: example.framework }).run({});
      assert.equal(failing.tests.find((test) => test.id === id('a'))?.status, 'failed', failing.output);
      assert.equal(failing.untrusted, undefined, (failing.untrusted ?? []).join('\n'));
    });
  }

  for (const example of CASES) {
    describe(example.framework, () => {
      it('leaves an honest run trusted, with none of its own tests in the results', async () => {
        const runner = new WorkspaceTestRunner(project(example.files), { framework: example.framework });
        for (const result of [await runner.run({}), await runner.run({ testIds: [example.id] })]) {
          assert.equal(result.outcome, 'completed', JSON.stringify(result.errors));
          assert.deepEqual(outcomes(result), [`${example.id} passed`], result.output);
          assert.deepEqual(result.summary, { total: 1, passed: 1, failed: 0, skipped: 0 });
          assert.equal(result.untrusted, undefined, (result.untrusted ?? []).join('\n'));
        }
      });

      it('makes a run whose assertions or reporting pass everything untrusted, and names why', async () => {
        const runner = new WorkspaceTestRunner(project({ ...example.files, ...example.tampering }), { framework: example.framework });
        const all = await runner.run({});
        // (node:test places the test where the preload's wrapper declared it.)
        assert.deepEqual(all.tests.map((test) => `${test.name} ${test.status}`), [`${example.id.split(/::| > /).pop()} passed`], 'the sabotaged test passes');
        for (const result of [all, await runner.run({ testIds: [example.id] })]) {
          assert.ok(
            result.untrusted?.some((reason) => /canary test that must fail \(it asserts that 1 is 2\) was reported passed/.test(reason)),
            (result.untrusted ?? ['trusted']).join('\n'),
          );
        }
        const gate = greenGate(all, { redTests: all.tests, redFiles: [] });
        assert.ok(!gate.passed && gate.cause === 'run-untrusted' && /canary test that must fail/.test(gate.reason), JSON.stringify(gate));
      });
    });
  }
});
