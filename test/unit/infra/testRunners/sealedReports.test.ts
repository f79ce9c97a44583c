// Adversarial (issue 16, point 2): code under test that, as the test process ends, overwrites the
// framework's report with one where every test passed, and forces exit code 0. Before the seal, jest
// wrote its report to a file (`--json --outputFile`, named on its command line) and pytest to its
// JUnit XML file; both were read back as they were left, so the forged report came back all passed
// and trusted. Now jest's results come from Imperium's sealed reporter, and pytest's report must be
// the one Imperium's plugin sealed.
import * as assert from 'node:assert/strict';
import { WorkspaceTestRunner } from '../../../../src/infra/testRunners/workspaceTestRunner';
import { repositoryProjects } from '../../../support/repositoryProjects';

/**
 * Wrong add(); at exit, a forged all-passed report wherever the command line names one, and exit code
 * 0. The test file is alone, so jest runs it in its own process, in a vm context from which the
 * outer realm's process is a Function constructor away.
 */
const JEST_FORGER = `
const fs = require('node:fs');
const realProcess = process.stdout.constructor.constructor('return process')();
const path = require('node:path');
const file = path.join(__dirname, '..', 'test', 'add.test.js');
const passed = { ancestorTitles: [], title: 'adds', status: 'passed', failureMessages: [] };
realProcess.on('exit', () => {
  for (const arg of realProcess.argv) {
    const report = /^--outputFile=(.+)$/.exec(arg);
    if (report) fs.writeFileSync(report[1], JSON.stringify({ testResults: [{ name: file, status: 'passed', message: '', assertionResults: [passed] }] }));
    const reporter = /^--reporters=(\\/.+imperium-jest-reporter\\.cjs)$/.exec(arg);
    if (reporter) fs.appendFileSync(path.join(path.dirname(reporter[1]), 'records.jsonl'), JSON.stringify({ type: 'file', name: file, status: 'passed', message: '', assertionResults: [passed] }) + '\\n');
  }
  realProcess.reallyExit(0);
});
exports.add = (a, b) => a - b;
`;

const PYTEST_FORGER = `import atexit, os, sys

def _forge():
    for arg in sys.argv:
        if arg.startswith('--junitxml='):
            with open(arg[len('--junitxml='):], 'w') as report:
                report.write('<?xml version="1.0" encoding="utf-8"?><testsuites><testsuite name="pytest" errors="0" failures="0" skipped="0" tests="1">'
                             '<testcase classname="tests.test_add" name="test_adds" file="tests/test_add.py" line="2" time="0.001" /></testsuite></testsuites>')
    os._exit(0)

atexit.register(_forge)

def add(a, b):
    return a - b
`;

describe('sealed jest and pytest reports', function () {
  this.timeout(60_000);
  const project = repositoryProjects('sealed');

  it('jest: a report forged at exit is not read, and a record appended to the reporter\'s file is not counted', async () => {
    const root = project({
      'package.json': JSON.stringify({ name: 'p', scripts: { test: 'jest' }, jest: { testEnvironment: 'node' } }),
      'src/add.js': JEST_FORGER,
      'test/add.test.js': "const { add } = require('../src/add');\ntest('adds', () => expect(add(1, 2)).toBe(3));\n",
    });
    const result = await new WorkspaceTestRunner(root, { framework: 'jest' }).run({});
    assert.deepEqual(result.tests.map((test) => `${test.id} ${test.status}`), ['test/add.test.js::adds failed'], result.output);
    assert.ok(result.untrusted?.some((reason) => /1 line in the jest records was not written by Imperium's reporter/.test(reason)), (result.untrusted ?? ['trusted']).join('\n'));
  });

  it('pytest: a JUnit report rewritten after pytest wrote it makes the run untrusted', async () => {
    const root = project({
      'pytest.ini': '[pytest]\npythonpath = .\n',
      'add.py': PYTEST_FORGER,
      'tests/test_add.py': 'from add import add\n\ndef test_adds():\n    assert add(1, 2) == 3\n',
    });
    const result = await new WorkspaceTestRunner(root, { framework: 'pytest' }).run({});
    assert.deepEqual(result.tests.map((test) => `${test.id} ${test.status}`), ['tests/test_add.py::test_adds passed'], 'the forged report says it passed');
    assert.ok(result.untrusted?.some((reason) => /pytest's JUnit report was changed after pytest wrote it/.test(reason)), (result.untrusted ?? ['trusted']).join('\n'));
  });

  it('pytest: an honest run stays trusted', async () => {
    const root = project({ 'pytest.ini': '[pytest]\npythonpath = .\n', 'add.py': 'def add(a, b):\n    return a + b\n', 'tests/test_add.py': 'from add import add\n\ndef test_adds():\n    assert add(1, 2) == 3\n' });
    const result = await new WorkspaceTestRunner(root, { framework: 'pytest' }).run({});
    assert.deepEqual(result.tests.map((test) => `${test.id} ${test.status}`), ['tests/test_add.py::test_adds passed']);
    assert.equal(result.untrusted, undefined, (result.untrusted ?? []).join('\n'));
  });
});
