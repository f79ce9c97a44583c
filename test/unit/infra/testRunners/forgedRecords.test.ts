// Adversarial (issue 16): code under test that appends a "passed" record for its failing test to the
// reporter's records file and exits before the test runs. Before the seal, the file was named in the
// test process's environment and the forged record counted: the run came back all passed and trusted.
// The forger here finds the file by the reporter's path on its own run's command line (never /tmp,
// which other runs share), and reads the seal from the reporter if the reporter is still there.
import * as assert from 'node:assert/strict';
import { WorkspaceTestRunner } from '../../../../src/infra/testRunners/workspaceTestRunner';
import { repositoryProjects } from '../../../support/repositoryProjects';

const TEST = "const { test } = require('node:test');\nconst assert = require('node:assert/strict');\nconst { add } = require('../src/add');\ntest('adds', () => assert.equal(add(1, 2), 3));\n";
const MOCHA_TEST = "const assert = require('node:assert/strict');\nconst { add } = require('../src/add');\nit('adds', () => assert.equal(add(1, 2), 3));\n";

/** Wrong add(), and a forged "passed" record for the test in test/add.test.js; `pid` is whose command line names the reporter. */
const forger = (pid: string, option: RegExp) => `
const fs = require('node:fs');
const path = require('node:path');
const targets = [];
if (process.env.IMPERIUM_TEST_RECORDS) targets.push({ records: process.env.IMPERIUM_TEST_RECORDS });
const args = fs.readFileSync('/proc/' + ${pid} + '/cmdline', 'utf8').split('\\0');
args.forEach((arg, i) => {
  const match = ${option}.exec(arg);
  const reporter = match && (match[1] || args[i + 1]);
  if (reporter && reporter.startsWith('/')) targets.push({ records: path.join(path.dirname(reporter), 'records.jsonl'), reporter });
});
const file = path.join(__dirname, '..', 'test', 'add.test.js');
for (const { records, reporter } of targets) {
  let seal;
  try { seal = /const seal = "([0-9a-f]+)"/.exec(fs.readFileSync(reporter, 'utf8'))[1]; } catch {}
  if (fs.existsSync(path.dirname(records))) fs.appendFileSync(records, JSON.stringify({ type: 'test', file, suite: [], name: 'adds', status: 'passed', seal }) + '\\n');
}
exports.add = (a, b) => a - b;
`;

describe('forged test records', function () {
  this.timeout(60_000);
  const project = repositoryProjects('forged');

  it('node:test: a "passed" record appended by the code under test (a child process) is not counted and makes the run untrusted', async () => {
    const source = `${forger('process.ppid', /^--test-reporter=(\/.*imperium-node-test-reporter\.mjs)$/)}\nif (process.argv[1].endsWith('add.test.js')) process.exit(0);\n`;
    const root = project({ 'package.json': JSON.stringify({ name: 'p', scripts: { test: 'node --test test/' } }), 'src/add.js': source, 'test/add.test.js': TEST });
    const result = await new WorkspaceTestRunner(root).run({});
    assert.equal(result.tests.find((test) => test.name === 'adds')?.status, undefined, JSON.stringify(result.tests));
    assert.ok(result.untrusted?.some((reason) => /1 line in the test records was not written by Imperium's reporter/.test(reason)), JSON.stringify(result.untrusted));
  });

  it('mocha: a "passed" record appended by the code under test in the reporter\'s own process is not counted and makes the run untrusted', async () => {
    const source = `${forger("'self'", /^(\/.*imperium-mocha-reporter\.cjs)$/)}\n`;
    const root = project({ 'package.json': JSON.stringify({ name: 'p', scripts: { test: 'mocha test/' } }), '.mocharc.json': '{"spec": ["test/*.test.js"]}', 'src/add.js': source, 'test/add.test.js': MOCHA_TEST });
    const result = await new WorkspaceTestRunner(root, { framework: 'mocha' }).run({});
    assert.deepEqual(result.tests.map((test) => `${test.name} ${test.status}`), ['adds failed'], JSON.stringify(result.errors));
    assert.ok(result.untrusted?.some((reason) => /1 line in the test records was not written by Imperium's reporter/.test(reason)), JSON.stringify(result.untrusted));
  });
});
