// The green step in real runs: failures go back to CodeBot, tests stay as TestBot wrote them, and
// attempts are bounded.
import * as assert from 'node:assert/strict';
import type { TestRunEvent, ToolCallEvent } from '../../../src/shared/events';
import { agentTasks, differingFiles, journalWrites, messagesOf, requestsOf, runFeature, stepOutput, unchangedSince, type FeatureRun } from './featureRun';

const NEW_TESTS = 'test/size.test.js';

function greenRuns(run: FeatureRun): TestRunEvent[] {
  return run.events.filter((e): e is TestRunEvent => e.type === 'test-run' && e.state === 'finished' && / green: attempt /.test(e.label));
}

describe('feature workflow: green needs two fixes', () => {
  let run: FeatureRun;
  before(async function () {
    this.timeout(120_000);
    run = await runFeature({ scenario: 'green-two-fixes.json' });
  });
  after(() => run?.remove());

  it("leaves a test failing on CodeBot's first attempt and passes the gate on the second", () => {
    assert.deepEqual(
      greenRuns(run).map((e) => e.summary),
      [
        { passed: 5, failed: 1, skipped: 0, total: 6 },
        { passed: 6, failed: 0, skipped: 0, total: 6 },
      ],
    );
    assert.equal(stepOutput(run, 'green')?.attempts, 2);
  });

  it('gives the second attempt the structured failure: test, place, message, expected and actual', () => {
    const [first, prompt] = agentTasks(run, 'codebot');
    assert.doesNotMatch(first, /did not reach green/);
    assert.match(prompt, /Attempt 1 did not reach green \(tests-failing\)\. You said: Added Shelf#size\./);
    assert.match(prompt, /FAILED test\/size\.test\.js::size counts the books added\n {2}at test\/size\.test\.js:\d+\n {2}message: Expected values to be strictly equal:\n[\s\S]*0 !== 2\n {2}expected: 2\n {2}actual: {3}0/);
    assert.doesNotMatch(prompt, /FAILED test\/size\.test\.js::a new shelf has size 0/);
  });

  it('completes with the suite green', () => {
    assert.equal(run.workflow.status, 'COMPLETED');
    assert.deepEqual(run.finalTests.summary, { passed: 6, failed: 0, skipped: 0, total: 6 });
    assert.equal(run.unusedReplies, 0);
  });
});

describe('feature workflow: CodeBot tries to edit a test during green', () => {
  let run: FeatureRun;
  before(async function () {
    this.timeout(120_000);
    run = await runFeature({ scenario: 'green-edits-test.json' });
  });
  after(() => run?.remove());

  it('refuses both writes to the test file, and says why in the tool result', () => {
    const refusals = run.events.filter((e): e is ToolCallEvent => e.type === 'tool' && e.agent === 'codebot' && e.path === NEW_TESTS);
    assert.deepEqual(
      refusals.map((e) => [e.tool, e.outcome]),
      [
        ['edit_file', 'refused'],
        ['write_file', 'refused'],
      ],
    );
    const toolResults = messagesOf(requestsOf(run, 'codebot')[1]).filter((m) => m.role === 'tool');
    assert.equal(toolResults.length, 2);
    for (const result of toolResults) assert.match(result.content ?? '', /^You may not write "test\/size\.test\.js": tests and test configuration are fixed while you implement/);
  });

  it('leaves the test file byte-identical and journals no write to it by CodeBot', () => {
    assert.ok(unchangedSince(run, 'red', NEW_TESTS), `${NEW_TESTS} changed after red`);
    assert.deepEqual(journalWrites(run), ['testbot write test/size.test.js', 'codebot write src/shelf.js']);
  });

  it('still completes, green on the first attempt', () => {
    assert.equal(run.workflow.status, 'COMPLETED');
    assert.equal(stepOutput(run, 'green')?.attempts, 1);
    assert.equal(run.finalTests.summary.failed, 0);
    assert.equal(run.unusedReplies, 0);
  });
});

describe('feature workflow: the new tests stop running during green', () => {
  // Test files are refused outright, so CodeBot goes through package.json, which the node:test
  // runner honours: first the test script leaves the new file out, then it preloads a module that
  // skips the new tests. Node reports a test as declared where test() was called, which is now that
  // module, so the skipped tests come back under new ids and the red ones read as missing.
  let run: FeatureRun;
  before(async function () {
    this.timeout(120_000);
    run = await runFeature({ scenario: 'green-stops-new-tests.json' });
  });
  after(() => run?.remove());

  it('runs without the new tests, then with them skipped, then in full', () => {
    assert.deepEqual(
      greenRuns(run).map((e) => e.summary),
      [
        { passed: 4, failed: 0, skipped: 0, total: 4 },
        { passed: 4, failed: 0, skipped: 2, total: 6 },
        { passed: 6, failed: 0, skipped: 0, total: 6 },
      ],
    );
  });

  it('fails the attempt whose script left the new tests out as tests-tampered: they are missing', () => {
    const prompt = agentTasks(run, 'codebot')[1];
    assert.match(prompt, /Attempt 1 did not reach green \(tests-tampered\)/);
    assert.match(prompt, /Every test that existed at red must still run:\n- test\/size\.test\.js::a new shelf has size 0 is missing \(removed, renamed, or no longer run\)\n- test\/size\.test\.js::size counts the books added is missing \(removed, renamed, or no longer run\)/);
  });

  it('fails the attempt that skipped them as tests-tampered too', () => {
    const prompt = agentTasks(run, 'codebot')[2];
    assert.match(prompt, /Attempt 2 did not reach green \(tests-tampered\)\. You said: Skipped the slow tests\./);
    assert.match(prompt, /Every test that existed at red must still run:\n- test\/size\.test\.js::a new shelf has size 0 is missing \(removed, renamed, or no longer run\)\n- test\/size\.test\.js::size counts the books added is missing \(removed, renamed, or no longer run\)\n/);
    // The preloaded module's skip makes Node report no test at all, the old ones included.
    assert.match(prompt, /\n- test\/shelf\.test\.js::finds books by author is missing/);
    assert.match(prompt, /\n- test\/size\.test\.js has no running tests/);
  });

  it('completes once the script runs every test again, with package.json as it was', () => {
    assert.equal(stepOutput(run, 'green')?.attempts, 3);
    assert.equal(run.workflow.status, 'COMPLETED');
    assert.ok(run.files().get('package.json')?.equals(run.filesBefore.get('package.json') ?? Buffer.alloc(0)));
    assert.deepEqual(
      run.report.files.map((f) => f.path),
      ['src/shelf.js', 'src/testSetup.js', NEW_TESTS],
    );
    assert.equal(run.unusedReplies, 0);
  });
});

describe('feature workflow: tests that existed before red stop running during green', () => {
  // The issue: "a run in which tests that existed at red are missing, skipped or renamed fails the
  // gate". Here CodeBot narrows the test script to the new file, so the four tests the example
  // already had stop running while the new ones pass.
  let run: FeatureRun;
  before(async function () {
    this.timeout(120_000);
    run = await runFeature({ scenario: 'green-drops-old-tests.json' });
  });
  after(() => run?.remove());

  it('fails that attempt as tests-tampered, naming the tests that went missing', () => {
    assert.deepEqual(greenRuns(run)[0]?.summary, { passed: 2, failed: 0, skipped: 0, total: 2 });
    const [, next] = agentTasks(run, 'codebot');
    assert.match(next, /Attempt 1 did not reach green \(tests-tampered\)/, 'CodeBot was sent back to green, not on to refactor');
    assert.match(next, /- test\/shelf\.test\.js::finds books by author is missing/);
  });

  it('completes only with every test running again, package.json as it was', () => {
    assert.equal(run.workflow.status, 'COMPLETED');
    assert.deepEqual(run.finalTests.summary, { passed: 6, failed: 0, skipped: 0, total: 6 });
    assert.ok(run.files().get('package.json')?.equals(run.filesBefore.get('package.json') ?? Buffer.alloc(0)));
    assert.equal(run.unusedReplies, 0);
  });
});

describe('feature workflow: green attempts run out, and the healing ladder retries the step', () => {
  let run: FeatureRun;
  before(async function () {
    this.timeout(120_000);
    run = await runFeature({ scenario: 'green-attempts-run-out.json', limits: { greenAttempts: 2 } });
  });
  after(() => run?.remove());

  it('runs out after two tries, then retries green after its backoff and completes', () => {
    assert.deepEqual(
      greenRuns(run).map((e) => e.summary?.failed),
      [1, 1, 0],
    );
    assert.deepEqual(
      run.report.healing.map((h) => [h.action, h.failure, h.step, h.attempt]),
      [
        ['retry', 'step-failed', 'green', 2],
        ['recovered', 'step-failed', 'green', 2],
      ],
    );
    assert.match(run.report.healing[0]?.summary ?? '', /^retrying in 1000 ms after: CodeBot did not reach green in 2 attempts\. Attempt 2 did not reach green \(tests-failing\)/);
    assert.equal(run.workflow.status, 'COMPLETED');
    assert.equal(run.unusedReplies, 0);
  });

  it("tells CodeBot on the retry that the step's last attempt failed, and why", () => {
    const retried = agentTasks(run, 'codebot')[2] ?? '';
    assert.match(retried, /This is attempt 2 at this step\. The last attempt failed \(step-failed\): CodeBot did not reach green in 2 attempts\./);
    assert.match(retried, /FAILED test\/size\.test\.js::size counts the books added/);
    assert.match(retried, /Do not repeat what failed: take another approach\./);
    assert.match(retried, /## Failures so far\n- green, CodeBot's try 1: tests-failing: 1 test failing \(test\/size\.test\.js::size counts the books added\)\n/, "the engine's own record, untagged");
  });

  it('leaves the tests as red wrote them, and the code changed once per try', () => {
    assert.ok(unchangedSince(run, 'red', NEW_TESTS), `${NEW_TESTS} changed after red`);
    assert.deepEqual(differingFiles(run.filesBefore, run.files()), ['src/shelf.js', NEW_TESTS]);
    assert.deepEqual(journalWrites(run), ['testbot write test/size.test.js', 'codebot write src/shelf.js', 'codebot write src/shelf.js', 'codebot write src/shelf.js']);
    assert.deepEqual(run.finalTests.summary, { passed: 6, failed: 0, skipped: 0, total: 6 });
  });
});
