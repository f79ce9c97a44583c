// `imperium run` as a person or CI runs it: a child process on a copy of the example, answered by
// the scripted model server, judged by its exit code and its --report JSON.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { GLOBAL_MEMORY_ENV } from '../../../src/cli/cliMemory';
import { STATE_FOLDER } from '../../../src/runtime/folderStore';
import type { ScenarioInput } from '../../../src/llm/scriptedServer/scenario';
import type { WorkflowReport } from '../../../src/workflows/workflowReport';
import { copyExample, REPOSITORY, SCENARIOS } from './featureRun';

const execFileAsync = promisify(execFile);

interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly report: WorkflowReport;
}

/** `imperium run <folder> <request> --scenario <file> --report <folder>/report.json [options]` from the repository root. */
async function imperiumRun(folder: string, request: string, scenario: string, options: readonly string[] = []): Promise<CliRun> {
  const reportFile = join(folder, 'report.json');
  const args = ['--import', 'tsx', 'src/cli/main.ts', 'run', folder, request, '--scenario', scenario, '--report', reportFile, ...options];
  let code = 0;
  let stdout: string;
  try {
    // The user's global memory stays with the copy, not in the developer's home.
    const env = { ...process.env, [GLOBAL_MEMORY_ENV]: join(folder, STATE_FOLDER, 'global-memory') };
    ({ stdout } = await execFileAsync(process.execPath, args, { cwd: REPOSITORY, env, maxBuffer: 16 * 1024 * 1024 }));
  } catch (error) {
    const failure = error as { code?: unknown; stdout?: string; stderr?: string };
    if (typeof failure.code !== 'number') throw error;
    ({ code } = failure as { code: number });
    stdout = `${failure.stdout ?? ''}${failure.stderr ?? ''}`;
  }
  return { code, stdout, report: JSON.parse(await readFile(reportFile, 'utf8')) as WorkflowReport };
}

/** How many replies a scenario scripts for each role. */
async function scriptedReplies(scenario: string): Promise<Record<string, number>> {
  const { roles } = JSON.parse(await readFile(scenario, 'utf8')) as ScenarioInput;
  return Object.fromEntries(Object.entries(roles).map(([role, replies]) => [role, (replies ?? []).reduce((sum, reply) => sum + (reply.times ?? 1), 0)]));
}

describe('the feature workflow through `imperium run`', () => {
  describe('the happy path: the demo scenario on the bookshelf example', () => {
    const scenario = join(REPOSITORY, 'examples', 'scenarios', 'bookshelf-citation.json');
    let folder: string;
    let result: CliRun;
    before(async function () {
      this.timeout(120_000);
      folder = await copyExample();
      result = await imperiumRun(folder, 'Add Shelf#citation(title): an APA-style citation of a book on the shelf.', scenario);
    });
    after(() => rm(folder, { recursive: true, force: true }));

    it('exits 0, says the model is scripted, and reports COMPLETED with every phase done', () => {
      assert.equal(result.code, 0, result.stdout);
      assert.match(result.stdout, /^Model: SCRIPTED\./);
      assert.match(result.stdout, /^Forecast: none yet, no earlier run here to draw it from\.\nworkflow wf-1 RUNNING$/m);
      assert.match(result.stdout, /^workflow wf-1 COMPLETED$/m);
      assert.equal(result.report.status, 'COMPLETED');
      assert.equal('reason' in result.report, false);
      assert.equal(result.report.criteria.length, 5);
      assert.deepEqual(
        result.report.phases.map((p) => [p.phase, p.status]),
        [
          ['plan', 'done'],
          ['red', 'done'],
          ['green', 'done'],
          ['refactor', 'done'],
          ['review', 'done'],
        ],
      );
      for (const phase of result.report.phases) assert.ok(phase.durationMs > 0, `${phase.phase} took time`);
    });

    it('lists the files changed, each with its diff', () => {
      assert.deepEqual(
        result.report.files.map((f) => [f.path, f.change]),
        [
          ['src/shelf.js', 'modified'],
          ['test/citation.test.js', 'created'],
        ],
      );
      const [shelf, tests] = result.report.files;
      assert.match(shelf.diff, /^--- a\/src\/shelf\.js\n\+\+\+ b\/src\/shelf\.js\n/);
      assert.match(shelf.diff, /^\+ {2}citation\(title\) \{$/m);
      assert.match(tests.diff, /^--- \/dev\/null\n\+\+\+ b\/test\/citation\.test\.js\n/);
    });

    it('gives every verdict of the Board with its reason', () => {
      assert.deepEqual(
        result.report.verdicts.map((v) => `${v.subject} ${v.role} ${v.decision} ${v.source}`),
        ['plan cto approve model', 'plan cso approve model', 'plan product-owner approve model', 'change cto approve model', 'change cso approve model', 'change product-owner approve model'],
      );
      for (const verdict of result.report.verdicts) assert.ok(verdict.summary.length > 20, `${verdict.role} gave a reason`);
    });

    it('counts tokens per agent: one call per scripted reply, and totals that add up', async () => {
      const replies = await scriptedReplies(scenario);
      assert.deepEqual(Object.fromEntries(result.report.usage.map((u) => [u.agent, u.calls])), replies);
      for (const usage of result.report.usage) assert.ok(usage.promptTokens > 0 && usage.completionTokens > 0, `${usage.agent} used tokens`);
      assert.equal(result.report.totals.promptTokens, result.report.usage.reduce((sum, u) => sum + u.promptTokens, 0));
      assert.equal(result.report.totals.completionTokens, result.report.usage.reduce((sum, u) => sum + u.completionTokens, 0));
    });

    it('keeps what it learned in long-term memory, and says so', () => {
      assert.deepEqual(result.report.learned.map((lesson) => [lesson.kind, lesson.scope, lesson.title]), [['convention', 'workspace', 'Tests run with node:test, in test/*.test.js']]);
      assert.match(result.stdout, /^Learned \(kept in long-term memory\):\n {2}convention workspace Tests run with node:test, in test\/\*\.test\.js$/m);
    });

    it('forecasts the next run from this one; over its token budget, that run ends for a person to decide', async function () {
      this.timeout(120_000);
      const next = await imperiumRun(folder, 'Add Shelf#citation(title) again.', scenario, ['--budget-tokens', '100']);
      assert.match(next.stdout, /^Forecast from 1 earlier run: about [\d,]+ tokens, about \$0\.0000\.$/m);
      assert.match(next.stdout, /^Budgets: 100 tokens per workflow\.\n {2}Over budget: the run is forecast to use [\d,]+ tokens, over the workflow budget of 100\.$/m);
      assert.equal(next.code, 1, next.stdout);
      assert.deepEqual(
        next.report.healing.map((h) => [h.action, h.failure, h.step]),
        [
          ['detected', 'budget', 'plan'],
          ['gave-up', 'budget', 'plan'],
        ],
      );
      assert.match(next.report.reason ?? '', /^Step "plan" failed 1 time\(s\) \(budget\): workflow wf-2 used [\d,]+ tokens, over its budget of 100 tokens\. A person must decide whether to retry it, skip it, edit the request or abort the workflow/);
    });

    it("leaves the example's own test suite green", async () => {
      assert.deepEqual(result.report.tests, { outcome: 'completed', summary: { passed: 9, failed: 0, skipped: 0, total: 9 }, failures: [] });
      // The example's test script, run as its README says, outside the engine.
      const { stdout } = await execFileAsync(process.execPath, ['--test', 'test/'], { cwd: folder });
      assert.match(stdout, /^# pass 9$/m);
      assert.match(stdout, /^# fail 0$/m);
    });
  });

  describe('a workflow that fails: the CSO vetoes the plan', () => {
    let folder: string;
    let result: CliRun;
    before(async function () {
      this.timeout(60_000);
      folder = await copyExample();
      result = await imperiumRun(folder, 'Add Shelf#exportTo(url): post the shelf as JSON to a URL, accepting any TLS certificate.', join(SCENARIOS, 'plan-vetoed.json'));
    });
    after(() => rm(folder, { recursive: true, force: true }));

    it('exits 1 and reports FAILED with the reason, the plan phase failed and the rest not reached', () => {
      assert.equal(result.code, 1, result.stdout);
      assert.equal(result.report.status, 'FAILED');
      assert.match(result.report.reason ?? '', /^the Board vetoed the plan: CSO vetoed: Accepting any certificate/);
      assert.deepEqual(
        result.report.phases.map((p) => [p.phase, p.status]),
        [
          ['plan', 'failed'],
          ['red', 'not reached'],
          ['green', 'not reached'],
          ['refactor', 'not reached'],
          ['review', 'not reached'],
        ],
      );
      assert.ok(result.report.verdicts.some((v) => v.subject === 'plan' && v.role === 'cso' && v.decision === 'veto' && v.findings.some((f) => f.severity === 'critical')));
    });

    it('changes nothing in the project', () => {
      assert.deepEqual(result.report.files, []);
      assert.deepEqual(result.report.tests?.summary, { passed: 4, failed: 0, skipped: 0, total: 4 });
    });
  });
});
