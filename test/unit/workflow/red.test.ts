// The red gate in a real run: a test file that does not load is the wrong reason to be red.
import * as assert from 'node:assert/strict';
import type { TestRunEvent } from '../../../src/shared/events';
import { agentTasks, journalWrites, runFeature, stepOutput, type FeatureRun } from './featureRun';

describe('feature workflow: red fails for the wrong reason first', () => {
  let run: FeatureRun;
  before(async function () {
    this.timeout(120_000);
    run = await runFeature({ scenario: 'red-wrong-reason.json' });
  });
  after(() => run?.remove());

  it('refuses the test file with a syntax error, so its run never counts as red', () => {
    const redRuns = run.events.filter((e): e is TestRunEvent => e.type === 'test-run' && e.state === 'finished' && / red: attempt /.test(e.label));
    assert.deepEqual(
      redRuns.map((e) => [e.label.replace(/^wf-\d+ /, ''), e.summary?.total, e.summary?.failed]),
      [
        ['red: attempt 1', 0, 0],
        ['red: attempt 2', 2, 2],
      ],
    );
  });

  it("sends the gate's cause back to TestBot, naming the file and the syntax error", () => {
    const [first, feedback] = agentTasks(run, 'testbot');
    assert.doesNotMatch(first, /red gate/);
    assert.match(feedback, /The red gate refused your tests \(broken-test\)\.\nThese test files do not run, which is the wrong reason to be red:\n- test\/size\.test\.js: /);
    assert.match(feedback, /ERROR in test\/size\.test\.js:\n.*\n.*assert\.equal\(new Shelf\(\)\.size\(\), 0;\n[\s\S]*SyntaxError: missing \) after argument list/);
    // The run is the tests' own words: delimited as data, the host's folder left out.
    assert.match(feedback, /The run:\n<data source="test run">\nTests [\s\S]*SyntaxError[\s\S]*\n<\/data>/);
    assert.ok(!feedback.includes(run.folder), `the host folder ${run.folder} reached TestBot`);
  });

  it('passes red on the second attempt, with both new tests failing for the right reason', () => {
    const red = stepOutput(run, 'red');
    assert.equal(red?.attempts, 2);
    assert.equal(red?.summary, '2 new tests fail for the right reason');
    assert.deepEqual(
      (red?.redTests as { id: string }[]).map((t) => t.id),
      ['test/size.test.js::a new shelf has size 0', 'test/size.test.js::size counts the books added'],
    );
    assert.deepEqual(journalWrites(run), ['testbot write test/size.test.js', 'testbot write test/size.test.js', 'codebot write src/shelf.js']);
  });

  it('goes on to complete the workflow, exactly as scripted', () => {
    assert.equal(run.workflow.status, 'COMPLETED');
    assert.deepEqual(
      run.report.phases.map((p) => [p.phase, p.status]),
      [
        ['plan', 'done'],
        ['red', 'done'],
        ['green', 'done'],
        ['refactor', 'done'],
        ['review', 'done'],
      ],
    );
    assert.equal(run.finalTests.summary.failed, 0);
    assert.equal(run.unusedReplies, 0);
  });
});
