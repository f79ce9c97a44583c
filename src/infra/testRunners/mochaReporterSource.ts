// Imperium's mocha reporter, written to a file and loaded by `mocha --reporter <file>`. Mocha's own
// JSON reporter prints to stdout, where the tests' console output lands too, and gives no suite
// path; this one appends sealed records (see reporterRecords.ts) to a file as each test ends.
//
// Given a canary (testCanary.ts), it appends the canary's suite to mocha's root suite when mocha
// constructs it: in serial mode every spec file is loaded by then, so the canary runs last, built
// from the Test class of the mocha that is running, with chai's expect when the workspace has chai,
// else node:assert. (With --delay, suites are added later: the canary waits for mocha's "ready".) In
// parallel mode the files load in workers it cannot reach: it records that the run has no canary.
import { join } from 'node:path';
import { reporterPreamble, type RecordDestination } from './reporterRecords';
import type { TestCanary } from './testCanary';

export interface MochaReporterCanary {
  readonly canary: TestCanary;
  /** The folder of the mocha that runs. */
  readonly mochaDir: string;
  /** The workspace's root, where chai is looked up. */
  readonly root: string;
  /** The file name the canary's tests are reported under (never written). */
  readonly file: string;
}

export const mochaReporterSource = (destination: RecordDestination, canary?: MochaReporterCanary): string => String.raw`'use strict';
const { appendFileSync, unlinkSync } = require('node:fs');
const { inspect } = require('node:util');
${reporterPreamble(destination, '__filename')}

function failure(error) {
  if (!(error instanceof Object)) return { message: String(error) };
  const result = { message: String(error.message ?? error), stack: typeof error.stack === 'string' ? error.stack : undefined };
  if ('expected' in error && 'actual' in error) {
    result.expected = inspect(error.expected, { depth: 6 });
    result.actual = inspect(error.actual, { depth: 6 });
  }
  return result;
}

// A failing hook is reported like a test (as mocha's own reporters count it), under its own title.
function record(runnable, status, error) {
  const titles = runnable.titlePath();
  write({
    type: 'test',
    file: runnable.file ?? runnable.parent?.file ?? '',
    suite: titles.slice(0, -1),
    name: titles[titles.length - 1],
    status,
    durationMs: runnable.duration,
    error: error === undefined ? undefined : failure(error),
  });
}

${canary ? canarySource(canary) : 'function addCanary() {}'}

module.exports = function ImperiumReporter(runner) {
  addCanary(runner);
  runner.on('pass', (test) => record(test, 'passed'));
  runner.on('pending', (test) => record(test, 'skipped'));
  runner.on('fail', (test, error) => record(test, 'failed', error));
  runner.once('end', () => write({ type: 'end' }));
};
`;

const canarySource = ({ canary, mochaDir, root, file }: MochaReporterCanary): string => String.raw`
const assert = require('node:assert');
const { createRequire } = require('node:module');
const { pathToFileURL } = require('node:url');
async function equal(actual, expected) {
  let chai;
  try {
    chai = await import(pathToFileURL(createRequire(${JSON.stringify(join(root, 'package.json'))}).resolve('chai')).href);
  } catch {}
  const expect = chai && (chai.expect ?? chai.default?.expect);
  if (expect) expect(actual).to.equal(expected);
  else assert.strictEqual(actual, expected);
}
function addCanary(runner) {
  if (typeof runner.isParallelMode === 'function' && runner.isParallelMode()) {
    write({ type: 'untrusted', reason: "mocha ran in parallel mode, where Imperium's reporter cannot add the must-fail canary: its passes cannot be trusted (set parallel in the test script's options or a .mocharc file for Imperium to see it)" });
    return;
  }
  const loaded = require(${JSON.stringify(mochaDir)});
  const Test = (loaded.Test ?? loaded.default?.Test);
  const Suite = runner.suite.constructor;
  const suite = Suite.create(runner.suite, ${JSON.stringify(canary.suite)});
  suite.file = ${JSON.stringify(file)};
  // The test that must pass goes first: under bail, nothing runs after the one that must fail.
  for (const [title, expected] of [[${JSON.stringify(canary.mustPass)}, 1], [${JSON.stringify(canary.mustFail)}, 2]]) {
    const test = new Test(title, () => equal(1, expected));
    test.file = ${JSON.stringify(file)};
    suite.addTest(test);
  }
  runner.total = runner.grepTotal(runner.suite);
  // With --delay the spec files add their suites when they call run(): the canary moves after them.
  runner.once('waiting', () => {
    runner.suite.suites.splice(runner.suite.suites.indexOf(suite), 1);
    runner.once('ready', () => runner.suite.suites.push(suite));
  });
}
`;
