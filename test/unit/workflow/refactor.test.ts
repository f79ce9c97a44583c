// The refactor step in a real run: a refactor that breaks the suite is rolled back from the journal.
import * as assert from 'node:assert/strict';
import type { JournalRevert } from '../../../src/core/journal/journalEntry';
import type { TestRunEvent } from '../../../src/shared/events';
import { differingFiles, journalWrites, runFeature, stepOutput, type FeatureRun } from './featureRun';

describe('feature workflow: refactor breaks a test', () => {
  let run: FeatureRun;
  before(async function () {
    this.timeout(120_000);
    run = await runFeature({ scenario: 'refactor-breaks-test.json' });
  });
  after(() => run?.remove());

  it("catches the break in the engine's run after the refactor, then finds the suite green after rolling back", () => {
    const runs = run.events.filter((e): e is TestRunEvent => e.type === 'test-run' && e.state === 'finished' && / refactor/.test(e.label));
    assert.deepEqual(
      runs.map((e) => [e.label.replace(/^wf-\d+ /, ''), e.summary?.failed]),
      [
        ['refactor', 1],
        ['refactor: after rollback', 0],
      ],
    );
  });

  it('rolls back every edit of the refactor: the files are byte for byte the green version', () => {
    const green = run.filesAfterStep.get('green');
    assert.ok(green, 'green completed');
    assert.deepEqual(differingFiles(green, run.files()), []);
    assert.equal(run.files().has('src/titles.js'), false);
  });

  it('takes the rollback from the journal: three refactor writes, one revert of exactly those', () => {
    assert.deepEqual(journalWrites(run), [
      'testbot write test/size.test.js',
      'codebot write src/shelf.js',
      'codebot write src/titles.js',
      'codebot write src/shelf.js',
      'codebot write src/shelf.js',
    ]);
    const writes = run.journal.filter((entry) => entry.kind === 'write');
    const reverts = run.journal.filter((entry): entry is JournalRevert => entry.kind === 'revert');
    assert.equal(reverts.length, 1);
    assert.deepEqual([...reverts[0].reverted].sort((a, b) => a - b), writes.slice(2).map((entry) => entry.seq));
  });

  it('says in the report that the refactor was rolled back, and what', () => {
    const refactor = run.report.phases.find((p) => p.phase === 'refactor');
    assert.equal(refactor?.status, 'done');
    assert.match(refactor?.summary ?? '', /^the refactor broke the suite \(1 test failing\); its edits were rolled back$/);
    const output = stepOutput(run, 'refactor');
    assert.equal(output?.kept, false);
    assert.deepEqual([...(output?.rolledBack as string[])].sort(), ['src/shelf.js', 'src/titles.js']);
    assert.deepEqual(
      run.report.files.map((f) => f.path),
      ['src/shelf.js', 'test/size.test.js'],
    );
  });

  it('ends green and COMPLETED, approved on the green version', () => {
    assert.equal(run.workflow.status, 'COMPLETED');
    assert.deepEqual(run.finalTests.summary, { passed: 6, failed: 0, skipped: 0, total: 6 });
    assert.doesNotMatch(run.report.files.find((f) => f.path === 'src/shelf.js')?.diff ?? '', /cleanTitle/);
    assert.equal(run.unusedReplies, 0);
  });
});
