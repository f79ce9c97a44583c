// The self-healing layer in real runs of the feature workflow: each detector fed by the workflow's
// own events and tool calls, and each step of the retry ladder acting on what they find, on a copy
// of the bookshelf example answered by the scripted model server. The report tells every step.
import * as assert from 'node:assert/strict';
import { DEFAULT_LADDER } from '../../../src/core/healing/retryLadder';
import { DEFAULT_STALL_LIMITS, type StallLimits } from '../../../src/core/healing/stallDetector';
import { countTextTokens } from '../../../src/llm/tokenCount';
import type { WorkflowReport } from '../../../src/workflows/workflowReport';
import { agentTasks, journalWrites, messagesOf, requestsOf, runFeature, stepOutput, type FeatureRun } from './featureRun';
import { ScriptedApprovals } from './scriptedApprovals';

/** Tight limits for the activity a test stalls, the defaults for the rest; detectors look every 100 ms. */
function watchdog(limits: Partial<StallLimits>) {
  return { stallLimits: { ...DEFAULT_STALL_LIMITS, ...limits }, checkEveryMs: 100 };
}

const climb = (report: WorkflowReport) => report.healing.map((h) => [h.action, h.failure, h.step ?? null]);

/** The memory section of an agent's task, as packed. */
function memorySection(task: string): string {
  const start = task.indexOf('What this workflow has established so far');
  assert.ok(start >= 0, 'the task has a memory section');
  const end = task.indexOf('\n\nThis is attempt', start);
  return task.slice(start, end < 0 ? undefined : end);
}

describe('self-healing in the feature workflow', function () {
  this.timeout(120_000);
  const runs: FeatureRun[] = [];
  after(() => Promise.all(runs.map((run) => run.remove())));
  async function run(options: Parameters<typeof runFeature>[0]): Promise<FeatureRun> {
    const done = await runFeature(options);
    runs.push(done);
    return done;
  }

  describe('a model reply that does not come (response timeout) is retried with backoff', () => {
    let result: FeatureRun;
    before(async () => {
      result = await run({ scenario: 'healing-timeout.json', healing: watchdog({ 'model-call': 2_000 }) });
    });

    it('detects the timeout at green, stops the attempt, retries after 1 s and recovers', () => {
      assert.deepEqual(climb(result.report), [
        ['detected', 'timeout', 'green'],
        ['retry', 'timeout', 'green'],
        ['recovered', 'timeout', 'green'],
      ]);
      assert.match(result.report.healing[0]?.summary ?? '', /^no progress for [\d.]+ s while waiting for a model reply \(the limit is 2\.0 s\)$/);
      assert.match(result.report.healing[1]?.summary ?? '', /^retrying in 1000 ms after: no progress for/);
      assert.equal(result.workflow.status, 'COMPLETED');
    });

    it('tells the retried CodeBot what went wrong (the scenario answers only a prompt that says so)', () => {
      const retried = agentTasks(result, 'codebot')[1] ?? '';
      assert.match(retried, /This is attempt 2 at this step\. The last attempt failed \(timeout\): no progress for/);
      assert.equal(result.unusedReplies, 0);
    });
  });

  describe('a step that makes no progress (stall) is retried, then retried with less context', () => {
    let result: FeatureRun;
    before(async () => {
      result = await run({ scenario: 'healing-stall.json', healing: watchdog({ other: 2_500 }) });
    });

    it('detects the stall at plan twice: a plain retry first, then one with half the context', () => {
      assert.deepEqual(climb(result.report), [
        ['detected', 'stall', 'plan'],
        ['retry', 'stall', 'plan'],
        ['detected', 'stall', 'plan'],
        ['reduce-context', 'stall', 'plan'],
        ['recovered', 'stall', 'plan'],
      ]);
      assert.match(result.report.healing[3]?.summary ?? '', /^retrying with 50% of the context and a summary of the failure: no progress for [\d.]+ s while running its step/);
    });

    it('completes, the Product Owner having planned on the third attempt, told about the stall', () => {
      assert.equal(result.workflow.status, 'COMPLETED');
      const prompts = requestsOf(result, 'product-owner').filter((request) => /^Request:/.test(messagesOf(request)[1]?.content ?? ''));
      assert.equal(prompts.length, 3);
      assert.match(messagesOf(prompts[2] as (typeof prompts)[number])[1]?.content ?? '', /This is attempt 3 at this step\. The last attempt failed \(stall\): no progress for/);
      assert.equal(result.unusedReplies, 0);
    });
  });

  describe('an agent repeating the same tool call (doom loop) gets less context, then the fallback model', () => {
    let result: FeatureRun;
    before(async () => {
      result = await run({ scenario: 'healing-doom-loop.json', fallbackModel: 'scripted-fallback', limits: { memoryTokens: 200 } });
    });

    it('stops each loop after the third identical call: less context first, then the fallback model', () => {
      assert.deepEqual(climb(result.report), [
        ['detected', 'doom-loop', 'green'],
        ['reduce-context', 'doom-loop', 'green'],
        ['detected', 'doom-loop', 'green'],
        ['fallback-model', 'doom-loop', 'green'],
        ['recovered', 'doom-loop', 'green'],
      ]);
      assert.match(result.report.healing[0]?.summary ?? '', /^codebot called read_file with the same arguments 3 times in its last 3 calls and got the same result each time: \{"path":"src\/shelf\.js"\}$/);
      assert.equal(result.workflow.status, 'COMPLETED');
      assert.equal(result.unusedReplies, 0);
    });

    it('packs half the memory into the retry with less context, within its token budget', async () => {
      const [first, reduced] = agentTasks(result, 'codebot');
      const full = await countTextTokens(memorySection(first ?? ''));
      const half = await countTextTokens(memorySection(reduced ?? ''));
      assert.ok(full > 100 && full <= 200 + 30, `the first memory section is ${full} tokens`);
      assert.ok(half <= 100 + 30 && half < full, `the reduced one is ${half} tokens, against ${full}`);
      assert.match(reduced ?? '', /This is attempt 2 at this step\. The last attempt failed \(doom-loop\)/);
    });

    it('sends the third attempt to the fallback model, and the next step to the usual one again', () => {
      const models = requestsOf(result, 'codebot').map((request) => (request.body as { model: string }).model);
      // 3 calls per looping attempt (the 4th is stopped before it leaves), 1 on the fallback, 1 refactoring.
      assert.deepEqual(models, [...Array(6).fill('scripted-model'), 'scripted-fallback', 'scripted-model']);
    });
  });

  describe('two agents undoing each other (ping-pong) go to the Board', () => {
    let result: FeatureRun;
    before(async () => {
      result = await run({ scenario: 'healing-ping-pong.json' });
    });

    it('detects the second reversal in a row while refactoring, asks the Board, retries with its guidance', () => {
      assert.deepEqual(climb(result.report), [
        ['detected', 'ping-pong', 'refactor'],
        ['ask-board', 'ping-pong', 'refactor'],
        ['recovered', 'ping-pong', 'refactor'],
      ]);
      assert.match(result.report.healing[0]?.summary ?? '', /^codebot in green and codebot in refactor changed the same lines of src\/shelf\.js back and forth 3 times/);
      assert.equal(result.report.healing[1]?.choice, 'retry');
      const guided = agentTasks(result, 'codebot').at(-1) ?? '';
      assert.match(guided, /The Board's guidance for this attempt:\nCTO: One more try with the Board's line: keep books\.length and stop changing it\./);
    });

    it('ends with books.length, approved, and learns the rule the Board enforced', () => {
      assert.equal(result.workflow.status, 'COMPLETED');
      assert.match(result.files().get('src/shelf.js')?.toString() ?? '', /size\(\) \{\n {4}return this\.books\.length;\n {2}\}/);
      const rules = result.memories.workspace.filter((memory) => memory.kind === 'rule').map((memory) => memory.title);
      assert.deepEqual(rules.sort(), ['Use this.books.length in size(): reduce is slower and harder to read.', 'size() should read books.length; counting with reduce hides the intent.']);
      assert.equal(result.unusedReplies, 0);
    });
  });

  describe('a workflow over its token budget asks a person', () => {
    let result: FeatureRun;
    let person: ScriptedApprovals;
    before(async () => {
      person = new ScriptedApprovals([{ approved: true, choice: 'retry', note: 'worth the tokens' }]);
      result = await run({ scenario: 'healing-budget.json', healing: { budgets: { perWorkflow: { tokens: 100 } } }, approvals: person });
    });

    it('stops the step that crossed the budget, and asks a person with the four options', () => {
      assert.deepEqual(climb(result.report), [
        ['detected', 'budget', 'plan'],
        ['ask-human', 'budget', 'plan'],
        ['ask-human', 'budget', 'plan'],
        ['recovered', 'budget', 'plan'],
      ]);
      assert.match(result.report.healing[0]?.summary ?? '', /^workflow wf-1 used [\d,]+ tokens, over its budget of 100 tokens$/);
      assert.deepEqual(person.asked.map((asked) => asked.kind === 'escalation' && asked.options), [['retry', 'skip', 'edit', 'abort']]);
      assert.match(person.asked[0]?.kind === 'escalation' ? person.asked[0].reason : '', /^Step "plan" failed 1 time\(s\) \(budget\): workflow wf-1 used/);
    });

    it('goes on when the person says so: the budget is reported once, and the workflow completes', () => {
      assert.equal(result.report.healing[2]?.choice, 'retry');
      assert.equal(result.workflow.status, 'COMPLETED');
      assert.equal(result.unusedReplies, 0);
    });
  });

  describe('a person rewrites the request, then skips a step', () => {
    let result: FeatureRun;
    let person: ScriptedApprovals;
    const edited = 'Add Shelf#size() as this.books.length: the number of books on the shelf.';
    before(async () => {
      person = new ScriptedApprovals([
        { approved: true, choice: 'edit', note: edited },
        { approved: true, choice: 'skip' },
      ]);
      const ladder = { ...DEFAULT_LADDER, 'step-failed': [{ kind: 'ask-human' as const }], timeout: [{ kind: 'ask-human' as const }] };
      result = await run({ scenario: 'healing-person.json', limits: { greenAttempts: 1 }, healing: { ...watchdog({ 'model-call': 2_000 }), ladder }, approvals: person });
    });

    it('retries green with the rewritten request as its task', () => {
      assert.deepEqual(climb(result.report).slice(0, 3), [
        ['ask-human', 'step-failed', 'green'],
        ['ask-human', 'step-failed', 'green'],
        ['recovered', 'step-failed', 'green'],
      ]);
      assert.equal(result.report.healing[1]?.choice, 'edit');
      assert.match(agentTasks(result, 'codebot')[1] ?? '', new RegExp(`^Task: ${edited.replace(/[.()#]/g, '\\$&')}`));
    });

    it('skips the refactor that timed out, with the reason in its output', () => {
      assert.deepEqual(climb(result.report).slice(3), [
        ['detected', 'timeout', 'refactor'],
        ['ask-human', 'timeout', 'refactor'],
        ['skip', 'timeout', 'refactor'],
      ]);
      assert.deepEqual(Object.keys(stepOutput(result, 'refactor') ?? {}), ['skipped', 'reason']);
    });

    it('has the Board review the change against the request as the person rewrote it', () => {
      const review = requestsOf(result, 'cto').map(messagesOf).find((messages) => /^# Review of a change/.test(messages[1]?.content ?? ''));
      assert.match(review?.[1]?.content ?? '', new RegExp(`## Request\\n${edited.replace(/[.()#]/g, '\\$&')}`));
      assert.equal(result.workflow.status, 'COMPLETED');
      assert.equal(result.unusedReplies, 0);
    });
  });

  describe('red cannot get going', () => {
    it('ends FAILED when the person aborts, saying who decided', async () => {
      const person = new ScriptedApprovals([{ approved: true, choice: 'abort', note: 'the request needs rethinking' }]);
      const ladder = { ...DEFAULT_LADDER, 'step-failed': [{ kind: 'ask-human' as const }] };
      const result = await run({ scenario: 'healing-red-stuck.json', limits: { redAttempts: 1 }, healing: { ladder }, approvals: person });
      assert.equal(result.workflow.status, 'FAILED');
      assert.match(result.workflow.reason ?? '', /^a person aborted step "red" \(the request needs rethinking\) after: TestBot did not produce tests that fail for the right reason in 1 attempt/);
      assert.deepEqual(climb(result.report), [
        ['ask-human', 'step-failed', 'red'],
        ['abort', 'step-failed', 'red'],
      ]);
      assert.deepEqual(
        result.workflow.tasks.map((task) => `${task.step} ${task.status}`),
        ['plan COMPLETED', 'planReview COMPLETED', 'red FAILED'],
        'a final failure: the engine does not run the ladder again',
      );
    });

    it('with no one to ask, climbs the whole ladder, then ends naming what a person must decide', async () => {
      const result = await run({ scenario: 'healing-red-stuck.json', limits: { redAttempts: 1 } });
      assert.deepEqual(climb(result.report), [
        ['retry', 'step-failed', 'red'],
        ['reduce-context', 'step-failed', 'red'],
        ['ask-board', 'step-failed', 'red'],
        ['gave-up', 'step-failed', 'red'],
      ]);
      assert.match(result.report.healing[2]?.summary ?? '', /^the Board hands the decision on: the Board could not answer/);
      assert.equal(result.workflow.status, 'FAILED');
      assert.match(
        result.workflow.reason ?? '',
        /^Step "red" failed 3 time\(s\) \(step-failed\): .*\. A person must decide whether to retry it, skip it, edit the request or abort the workflow, and no one can be asked here/s,
      );
      assert.deepEqual(journalWrites(result), ['testbot write test/size.test.js']);
    });
  });
});
