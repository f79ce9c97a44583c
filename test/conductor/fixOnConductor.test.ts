// The fix workflow end to end on Conductor: `imperium run --workflow fix --engine conductor` on a
// copy of the bowling exercise (jest, a stub that throws, ten failing tests) with the scripted model,
// next to the same run on the embedded engine. The two reports are the same but for ids and times,
// and Conductor's own REST API has the workflow COMPLETED with every one of its tasks. A run with
// nothing to fix fails on both engines with the same reason.
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readReport } from '../unit/cliEndToEnd/engineRecords';
import { printed, REPOSITORY, runImperium } from '../unit/cliEndToEnd/imperiumProcess';
import { copyFixture, type ProjectCopy } from '../unit/cliEndToEnd/projectCopy';
import { suiteServer } from './harness/serverHooks';
import { serverWorkflow } from './support/engineFixture';

const RUN_DEADLINE_MS = 240_000;
const SCENARIOS = join(REPOSITORY, 'test/fixtures/fix-scenarios');

/** The report without what differs between any two runs: ids, clock times and durations. */
function comparable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(comparable);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !['workflowId', 'id', 'startedAt', 'durationMs'].includes(key))
      .map(([key, inner]) => [key, comparable(inner)]),
  );
}

describe('The fix workflow on Conductor (end to end)', function () {
  this.timeout(RUN_DEADLINE_MS + 60_000);
  const copies: ProjectCopy[] = [];
  after(() => Promise.all(copies.map((copy) => copy.remove())));

  /** The same run on both engines, side by side; resolves with the two report files once both ended. */
  async function onBothEngines(fixture: string, args: readonly string[], prepare: (folder: string) => void = () => undefined): Promise<{ embedded: string; conductor: string; conductorFolder: string }> {
    const [embeddedCopy, conductorCopy] = await Promise.all([copyFixture(fixture), copyFixture(fixture)]);
    copies.push(embeddedCopy, conductorCopy);
    prepare(embeddedCopy.folder);
    prepare(conductorCopy.folder);
    const embedded = join(embeddedCopy.root, 'report.json');
    const conductor = join(conductorCopy.root, 'report.json');
    const runs = await Promise.all([
      runImperium(['run', embeddedCopy.folder, ...args, '--report', embedded], RUN_DEADLINE_MS),
      runImperium(['run', conductorCopy.folder, ...args, '--report', conductor, '--engine', 'conductor', '--conductor-url', suiteServer().url], RUN_DEADLINE_MS),
    ]);
    for (const run of runs) assert.ok(run.code === 0 || run.code === 1, printed(run));
    assert.equal(runs[1].code, runs[0].code, `${printed(runs[0])}\n---\n${printed(runs[1])}`);
    return { embedded, conductor, conductorFolder: conductorCopy.folder };
  }

  it('makes the bowling exercise pass with the same report as on the embedded engine, COMPLETED with every task on the server', async () => {
    const args = ['Make the failing tests in bowling.spec.js pass', '--workflow', 'fix', '--test', 'bowling.spec.js', '--scenario', join(SCENARIOS, 'jest-bowling.json')];
    const { embedded, conductor } = await onBothEngines('fix-exercises/bowling-jest', args);
    const a = readReport(embedded);
    const b = readReport(conductor);
    assert.equal(b.status, 'COMPLETED');
    assert.deepEqual(b.phases.map((phase) => `${phase.phase} ${phase.status}`), ['red done', 'green done', 'refactor done', 'review done']);
    assert.deepEqual(b.files.map((file) => `${file.change} ${file.path}`), ['modified bowling.js']);
    assert.deepEqual(b.tests?.summary, { passed: 10, failed: 0, skipped: 0, total: 10 });
    assert.deepEqual(comparable(b), comparable(a));

    const onServer = await serverWorkflow(suiteServer().url, b.workflowId);
    assert.equal(onServer.status, 'COMPLETED');
    assert.ok(onServer.tasks.every((task) => task.status === 'COMPLETED'), onServer.tasks.map((task) => `${task.referenceTaskName}:${task.status}`).join(', '));
    assert.deepEqual(
      onServer.tasks.map((task) => `${task.taskType} ${task.referenceTaskName}`),
      ['imperium_fix_step red', 'DO_WHILE review_loop', 'imperium_fix_step green__1', 'imperium_fix_step refactor__1', 'imperium_fix_step review__1'],
    );
  });

  it('fails, with nothing to fix, for the same reason on both engines', async () => {
    const scenario = join(SCENARIOS, 'pytest-word-count.json');
    const solution = JSON.parse(readFileSync(scenario, 'utf8')) as { roles: { codebot: { toolCalls?: { arguments: { content?: string } }[] }[] } };
    const solve = (folder: string) => writeFileSync(join(folder, 'word_count.py'), solution.roles.codebot[0]?.toolCalls?.[0]?.arguments.content ?? '');
    const { embedded, conductor } = await onBothEngines('fix-exercises/word-count-pytest', ['--workflow', 'fix', '--scenario', scenario], solve);
    const a = readReport(embedded);
    const b = readReport(conductor);
    assert.equal(b.status, 'FAILED');
    assert.equal(b.reason, 'Nothing to fix: the suite did not fail (8 tests ran, none failing).');
    assert.deepEqual(comparable(b), comparable(a));
    assert.equal((await serverWorkflow(suiteServer().url, b.workflowId)).status, 'FAILED');
  });
});
