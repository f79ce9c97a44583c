// The Board's review of the change in real runs: the CSO's checks veto a hard-coded secret, and a
// verdict that cannot be read fails closed.
import * as assert from 'node:assert/strict';
import type { VerdictEvent } from '../../../src/shared/events';
import { agentTasks, differingFiles, journalWrites, requestsOf, runFeature, unchangedSince, type FeatureRun } from './featureRun';

// The key CodeBot hard-codes in cso-vetoes-secret.json.
const SECRET = 'sk-proj-Rk8vT2mQ9xLw4NcZ7pHs1YdF6bJa3GeU0oKi5';

describe('feature workflow: the CSO vetoes a hard-coded secret', () => {
  let run: FeatureRun;
  before(async function () {
    this.timeout(120_000);
    run = await runFeature({ scenario: 'cso-vetoes-secret.json' });
  });
  after(() => run?.remove());

  it('does not complete: FAILED at review, with a reason naming the veto', () => {
    assert.equal(run.workflow.status, 'FAILED');
    assert.match(run.workflow.reason ?? '', /^the Board vetoed the change: CSO vetoed: security checks found .*\(src\/shelf\.js:\d+\)/);
    assert.equal(run.report.reason, run.workflow.reason);
    assert.equal(run.report.phases.find((p) => p.phase === 'review')?.status, 'failed');
    const board = run.events.filter((e): e is VerdictEvent => e.type === 'verdict' && e.subject === 'change' && e.member === 'board');
    assert.deepEqual(
      board.map((e) => e.decision),
      ['vetoed'],
    );
  });

  it("records the CSO's veto in the audit log with source 'checks', without asking the model", () => {
    const cso = run.verdicts.filter((v) => v.subject === 'change' && v.role === 'cso');
    assert.equal(cso.length, 1);
    assert.equal(cso[0].decision, 'veto');
    assert.equal(cso[0].source, 'checks');
    assert.ok(
      cso[0].findings.some((f) => f.severity === 'critical' && f.file === 'src/shelf.js'),
      'a critical finding in src/shelf.js',
    );
    // Asked once, about the plan; the change was judged by the checks alone.
    assert.equal(requestsOf(run, 'cso').length, 1);
    assert.equal(run.unusedReplies, 0);
  });

  it('learns nothing from it: a vetoed change teaches no lesson', () => {
    assert.deepEqual(run.report.learned, []);
    assert.deepEqual([run.memories.workspace, run.memories.global], [[], []]);
  });

  it('keeps the secret out of the audit log', () => {
    assert.ok(!JSON.stringify(run.verdicts).includes(SECRET));
  });

  it('keeps the secret out of the report JSON', () => {
    const json = JSON.stringify(run.report);
    assert.ok(!json.includes(SECRET), `the report quotes the secret: ${json.slice(Math.max(0, json.indexOf(SECRET) - 80), json.indexOf(SECRET) + 80)}`);
  });
});

describe('feature workflow: an invalid verdict fails closed', () => {
  let run: FeatureRun;
  before(async function () {
    this.timeout(180_000);
    run = await runFeature({ scenario: 'invalid-verdict.json' });
  });
  after(() => run?.remove());

  it("counts the CSO's unreadable answers as invalid, each after one retry, and never as approval", () => {
    const cso = run.verdicts.filter((v) => v.subject === 'change' && v.role === 'cso');
    assert.deepEqual(
      cso.map((v) => [v.decision, v.source]),
      [
        ['invalid', 'model'],
        ['invalid', 'model'],
        ['invalid', 'model'],
      ],
    );
    for (const verdict of cso) assert.match(verdict.summary, /^the answer is not JSON/);
    // One request about the plan, then two per review of the change (the answer and the retry).
    assert.equal(requestsOf(run, 'cso').length, 1 + 3 * 2);
    const board = run.events.filter((e): e is VerdictEvent => e.type === 'verdict' && e.subject === 'change' && e.member === 'board');
    assert.deepEqual(
      board.map((e) => e.decision),
      ['changes-requested', 'changes-requested', 'changes-requested'],
    );
  });

  it("sends the work back to green with the CSO's reason, as often as review's goto allows", () => {
    const visits = (step: string) => run.workflow.tasks.filter((task) => task.step === step).length;
    assert.deepEqual([visits('green'), visits('refactor'), visits('review')], [3, 3, 3]);
    assert.equal(run.workflow.jumps.review, 2);
    const greenTasks = agentTasks(run, 'codebot').filter((task) => !task.startsWith('Task: Refactor'));
    assert.equal(greenTasks.length, 3);
    assert.doesNotMatch(greenTasks[0], /The Board reviewed/);
    for (const task of greenTasks.slice(1)) assert.match(task, /The Board reviewed your last change and asks for:\n- CSO: the answer is not JSON/);
    assert.equal(run.unusedReplies, 0);
  });

  it('ends FAILED, and the report says why', () => {
    assert.equal(run.workflow.status, 'FAILED');
    assert.equal(run.report.status, 'FAILED');
    assert.equal(run.report.reason, '"review" sent the workflow back to "green" more than its limit of 2 time(s)');
    const review = run.report.phases.find((p) => p.phase === 'review');
    assert.equal(review?.status, 'failed', 'the phase the workflow ended in is not shown as done');
    assert.equal(review?.summary, '"review" sent the workflow back to "green" more than its limit of 2 time(s) (Board: changes-requested)');
    assert.ok(run.report.verdicts.some((v) => v.subject === 'change' && v.role === 'cso' && v.decision === 'invalid' && /not JSON/.test(v.summary)));
  });

  it('learns nothing from it, though its tests pass: the Board never approved', () => {
    assert.deepEqual(run.report.learned, []);
    assert.deepEqual([run.memories.workspace, run.memories.global], [[], []]);
  });

  it('leaves the workspace consistent: green, tests as red left them, only the code under test changed', () => {
    assert.deepEqual(run.finalTests.summary, { passed: 6, failed: 0, skipped: 0, total: 6 });
    assert.ok(unchangedSince(run, 'red', 'test/size.test.js'), 'test/size.test.js changed after red');
    assert.deepEqual(differingFiles(run.filesBefore, run.files()), ['src/shelf.js', 'test/size.test.js']);
    assert.deepEqual(journalWrites(run), ['testbot write test/size.test.js', 'codebot write src/shelf.js']);
  });
});

// Adversarial (issue 16): needs no sandbox, the code writes only in the workspace. Before the change
// the review approved on the tampered run and the workflow completed.
describe('feature workflow: code that is honest at green and tampers with the assertions at review', () => {
  let run: FeatureRun;
  before(async function () {
    this.timeout(120_000);
    run = await runFeature({ scenario: '../hostile-scenarios/source-tampers-at-review.json', limits: { greenAttempts: 1 } });
  });
  after(() => run?.remove());

  it('passed green honestly, then review did not approve the untrusted run and sent the work back to green', () => {
    assert.notEqual(run.workflow.status, 'COMPLETED');
    assert.deepEqual(
      run.workflow.tasks.filter((task) => task.step === 'green' || task.step === 'refactor' || task.step === 'review').map((task) => `${task.step} ${task.status}`).slice(0, 4),
      ['green COMPLETED', 'refactor COMPLETED', 'review COMPLETED', 'green FAILED'],
    );
    const review = JSON.stringify(run.workflow.tasks.filter((task) => task.step === 'review'));
    assert.match(review, /the review's test run cannot be trusted, so the change cannot be approved/);
    assert.match(review, /assert\.strict\.equal was replaced/);
  });

  it("told the Board why the review's run cannot be trusted", () => {
    const asked = JSON.stringify(requestsOf(run, 'cto').map((request) => request.body));
    assert.match(asked, /Review of a change.*passes cannot be trusted, so the change cannot be approved on them.*assert\.strict\.equal was replaced/);
  });
});
