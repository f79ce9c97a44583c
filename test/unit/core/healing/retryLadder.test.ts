import * as assert from 'node:assert/strict';
import type { BoardAdvice, BoardAdvisor, FailureReport } from '../../../../src/core/healing/boardAdvisor';
import { BoardRecoveryAdvisor } from '../../../../src/core/healing/boardAdvisor';
import { HealingAbortedError, withHealing } from '../../../../src/core/healing/healingStepHandler';
import { HealingMonitor } from '../../../../src/core/healing/healingMonitor';
import { type RecoveryHint, StepFailure } from '../../../../src/core/healing/recoveryHint';
import { DEFAULT_LADDER, LadderClimb, type LadderPolicy } from '../../../../src/core/healing/retryLadder';
import { WatchedModelClient } from '../../../../src/core/healing/watchedModelClient';
import { Board, type VerdictRecord } from '../../../../src/core/board/boardReview';
import { type StepResult, TerminalStepError } from '../../../../src/core/orchestrator/stepHandler';
import { SystemClock } from '../../../../src/core/orchestrator/systemClock';
import { type ApprovalDecision, type ApprovalRequest, type Approvals, type ChatMessage, ModelError, type ModelClient } from '../../../../src/core/ports';
import { InMemoryAppendLog } from '../journal/inMemoryAppendLog';
import { closeRigs, rig } from '../../llm/scriptedModelHarness';
import { healingEvents, InstantClock, stepContext } from './healingTestKit';

/** Test double: answers escalations from a script, in order, and keeps what it was asked. */
class ScriptedApprovals implements Approvals {
  readonly asked: ApprovalRequest[] = [];
  constructor(private readonly answers: ApprovalDecision[]) {}
  async request(request: ApprovalRequest): Promise<ApprovalDecision> {
    this.asked.push(request);
    const answer = this.answers.shift();
    if (!answer) throw new Error('the script has no answer left');
    return answer;
  }
}

/** Test double: a Board advisor with a scripted answer. */
class ScriptedAdvisor implements BoardAdvisor {
  readonly reports: FailureReport[] = [];
  constructor(private readonly advice: BoardAdvice) {}
  async advise(report: FailureReport): Promise<BoardAdvice> {
    this.reports.push(report);
    return this.advice;
  }
}

/** A handler whose attempts go as scripted: each fails with the error given, or succeeds with the result. */
function scripted(attempts: readonly (Error | StepResult)[]) {
  const hints: (RecoveryHint | undefined)[] = [];
  return {
    hints,
    handler: {
      async run(_input: Readonly<Record<string, unknown>>, _context: unknown, hint?: RecoveryHint): Promise<StepResult> {
        hints.push(hint);
        const next = attempts[hints.length - 1];
        if (!next) throw new Error('no attempt scripted');
        if (next instanceof Error) throw next;
        return next;
      },
    },
  };
}

const only = (failure: keyof LadderPolicy, rungs: LadderPolicy[keyof LadderPolicy]): LadderPolicy => ({ ...DEFAULT_LADDER, [failure]: rungs });
const actions = (events: Parameters<typeof healingEvents>[0]) => healingEvents(events).map((event) => event.action);

describe('Retry ladder', () => {
  afterEach(closeRigs);

  it('retries with exponential backoff, then reports the recovery', async () => {
    const clock = new InstantClock();
    const { handler, hints } = scripted([new Error('tests still red'), new Error('tests still red again'), { output: { done: true } }]);
    const context = stepContext();
    const result = await withHealing(handler, { clock, policy: only('step-failed', [{ kind: 'retry', times: 2, delayMs: 100 }]) }).run({}, context);
    assert.deepEqual(result, { output: { done: true } });
    assert.deepEqual(clock.sleeps, [100, 200]);
    const events = healingEvents(context.events);
    assert.deepEqual(events.map((event) => [event.action, event.attempt, event.delayMs]), [
      ['retry', 2, 100],
      ['retry', 3, 200],
      ['recovered', 3, undefined],
    ]);
    assert.equal(events[0]?.workflowId, 'wf-1');
    assert.equal(events[0]?.failure, 'step-failed');
    assert.equal(hints[0], undefined, 'the first attempt has no hint');
    assert.deepEqual(hints[1], { attempt: 2, failure: 'step-failed', summary: 'tests still red', contextScale: 1 });
  });

  it('retries with less context and a summary of the failure', async () => {
    const { handler, hints } = scripted([new StepFailure('timeout', 'the prompt was too long to answer in time'), new StepFailure('timeout', 'still too slow'), { output: {} }]);
    const context = stepContext();
    await withHealing(handler, { clock: new InstantClock(), policy: only('timeout', [{ kind: 'reduce-context', times: 2, contextScale: 0.5 }]) }).run({}, context);
    assert.deepEqual(hints.map((hint) => hint?.contextScale), [undefined, 0.5, 0.25]);
    assert.equal(hints[1]?.summary, 'the prompt was too long to answer in time');
    assert.match(healingEvents(context.events)[0]?.summary ?? '', /retrying with 50% of the context and a summary of the failure: the prompt was too long/);
  });

  it('switches the workflow to the fallback model, and back once the step is done', async () => {
    const primary = await rig({ roles: {} });
    const fallback = await rig({ roles: { codebot: [{ content: 'answered by the fallback model' }] } }, { models: { default: 'fallback-model' } });
    const client = new WatchedModelClient(primary.client, { fallback: fallback.client, clock: new SystemClock() });
    const ask = (workflowId: string) => client.chat({ role: 'codebot', workflowId, messages: [{ role: 'user', content: 'write the parser' }] });
    const handler = {
      async run() {
        return { output: { answer: (await ask('wf-1')).content } };
      },
    };
    const context = stepContext();
    const result = await withHealing(handler, { clock: new InstantClock(), fallback: client, policy: only('model-error', [{ kind: 'fallback-model', times: 1 }]) }).run({}, context);
    assert.deepEqual(result, { output: { answer: 'answered by the fallback model' } });
    assert.deepEqual(actions(context.events), ['fallback-model', 'recovered']);
    assert.equal(healingEvents(context.events)[0]?.failure, 'model-error', 'the scripted server had no reply: a ModelError');
    assert.equal(fallback.server.requests[0]?.body && (fallback.server.requests[0].body as { model: string }).model, 'fallback-model');
    await assert.rejects(ask('wf-1'), ModelError, 'released: the primary model answers again');
  });

  it('passes over the fallback rung when no fallback model is configured', () => {
    const climb = new LadderClimb(DEFAULT_LADDER, { fallbackModel: false, board: false });
    assert.deepEqual(
      [climb.next('model-error'), climb.next('model-error'), climb.next('model-error'), climb.next('model-error')].map((action) => action.kind),
      ['retry', 'retry', 'ask-human', 'ask-human'],
    );
    assert.throws(() => new LadderClimb(only('budget', [{ kind: 'reduce-context', times: 1, contextScale: 1.5 }]), { fallbackModel: false, board: false }), /between 0 and 1/);
  });

  it('asks the Board, and retries with its guidance', async () => {
    const advisor = new ScriptedAdvisor({ decision: 'retry', guidance: 'CTO: keep the rate in one constant' });
    const { handler, hints } = scripted([new StepFailure('ping-pong', 'codebot and testbot keep changing the rate'), { output: {} }]);
    const context = stepContext();
    await withHealing(handler, { clock: new InstantClock(), board: advisor }).run({}, context);
    assert.deepEqual(advisor.reports, [{ workflowId: 'wf-1', step: 'green', failure: 'ping-pong', summary: 'codebot and testbot keep changing the rate', attempts: 1 }]);
    assert.equal(hints[1]?.guidance, 'CTO: keep the rate in one constant');
    const [asked] = healingEvents(context.events);
    assert.deepEqual([asked?.action, asked?.choice, asked?.attempt], ['ask-board', 'retry', 2]);
  });

  describe('the real Board over the scripted model server', () => {
    const approve = { content: JSON.stringify({ decision: 'approve', summary: 'Worth one more try with the error shown.' }) };
    const reject = { content: JSON.stringify({ decision: 'request-changes', summary: 'This will fail the same way.' }) };
    async function advisorAnswering(reply: { content: string }) {
      const { client } = await rig({ roles: { cto: [reply], cso: [reply], 'product-owner': [reply] } });
      return new BoardRecoveryAdvisor(new Board({ model: client, audit: new InMemoryAppendLog<VerdictRecord>(), clock: new SystemClock() }));
    }
    const policy = only('step-failed', [{ kind: 'ask-board' }, { kind: 'ask-human' }]);

    it('retries with the members\' reasons as guidance when the Board approves', async () => {
      const { handler, hints } = scripted([new Error('tests red'), { output: {} }]);
      const context = stepContext();
      await withHealing(handler, { clock: new InstantClock(), board: await advisorAnswering(approve), policy }).run({}, context);
      assert.match(hints[1]?.guidance ?? '', /^CTO: Worth one more try with the error shown\.$/m);
      assert.deepEqual(actions(context.events), ['ask-board', 'recovered']);
    });

    it('hands the decision to a person when the Board does not approve', async () => {
      const approvals = new ScriptedApprovals([{ approved: true, choice: 'abort', note: 'stop here' }]);
      const { handler } = scripted([new Error('tests red')]);
      const context = stepContext();
      await assert.rejects(withHealing(handler, { clock: new InstantClock(), board: await advisorAnswering(reject), approvals, policy }).run({}, context), HealingAbortedError);
      const events = healingEvents(context.events);
      assert.deepEqual(events.map((event) => [event.action, event.choice]), [
        ['ask-board', 'escalate'],
        ['ask-human', undefined],
        ['abort', 'abort'],
      ]);
      assert.match(events[0]?.summary ?? '', /the Board hands the decision on: changes-requested/);
      assert.match(events[2]?.summary ?? '', /a person aborted step "green" \(stop here\)/);
    });
  });

  describe('escalating to a person', () => {
    it('offers retry, skip, edit and abort, and retries when asked to', async () => {
      const approvals = new ScriptedApprovals([{ approved: true, choice: 'retry', note: 'try once more' }]);
      const { handler } = scripted([new Error('red'), { output: { ok: 1 } }]);
      const context = stepContext();
      assert.deepEqual(await withHealing(handler, { clock: new InstantClock(), approvals, policy: only('step-failed', [{ kind: 'ask-human' }]) }).run({}, context), { output: { ok: 1 } });
      assert.deepEqual(approvals.asked, [{ kind: 'escalation', workflowId: 'wf-1', reason: 'Step "green" failed 1 time(s) (step-failed): red', options: ['retry', 'skip', 'edit', 'abort'] }]);
      const [asking, answered] = healingEvents(context.events);
      assert.deepEqual([asking?.action, asking?.choice], ['ask-human', undefined], 'said before the wait, so the views show who is waited for');
      assert.match(asking?.summary ?? '', /^asking a person: retry, skip, edit the request or abort \(red\)$/);
      assert.deepEqual([answered?.action, answered?.choice], ['ask-human', 'retry']);
      assert.match(answered?.summary ?? '', /a person chose another attempt: try once more/);
    });

    it('retries with the request as the person rewrote it, asking again when they gave none', async () => {
      const approvals = new ScriptedApprovals([
        { approved: true, choice: 'edit' },
        { approved: true, choice: 'edit', note: 'Parse only ISO 8601 dates' },
      ]);
      const { handler, hints } = scripted([new Error('red'), { output: {} }]);
      const context = stepContext();
      await withHealing(handler, { clock: new InstantClock(), approvals, policy: only('step-failed', [{ kind: 'ask-human' }]) }).run({}, context);
      assert.equal(hints[1]?.editedRequest, 'Parse only ISO 8601 dates');
      assert.equal(approvals.asked.length, 2);
    });

    it('skips the step when the person says so, with the reason in its output', async () => {
      const { handler } = scripted([new Error('the deploy target is down')]);
      const context = stepContext();
      const result = await withHealing(handler, { clock: new InstantClock(), approvals: new ScriptedApprovals([{ approved: true, choice: 'skip' }]), policy: only('step-failed', [{ kind: 'ask-human' }]) }).run({}, context);
      assert.deepEqual(result, { output: { skipped: true, reason: 'the deploy target is down' } });
      assert.deepEqual(actions(context.events), ['ask-human', 'skip']);
    });

    it('aborts when the person says so, or declines to answer', async () => {
      for (const answer of [{ approved: true, choice: 'abort' }, { approved: false }]) {
        const { handler } = scripted([new Error('red')]);
        const context = stepContext();
        await assert.rejects(
          withHealing(handler, { clock: new InstantClock(), approvals: new ScriptedApprovals([answer]), policy: only('step-failed', [{ kind: 'ask-human' }]) }).run({}, context),
          (error: unknown) => error instanceof HealingAbortedError && error instanceof TerminalStepError && /a person aborted step "green" after: red/.test(error.message),
        );
        assert.deepEqual(actions(context.events), ['ask-human', 'abort']);
      }
    });
  });

  it('gives up, saying why, when the ladder is used up: a final failure the engine does not retry', async () => {
    const { handler } = scripted([new Error('red'), new Error('still red')]);
    const context = stepContext();
    await assert.rejects(
      withHealing(handler, { clock: new InstantClock(), policy: only('step-failed', [{ kind: 'retry', times: 1, delayMs: 0 }]) }).run({}, context),
      (error: unknown) => error instanceof TerminalStepError && /step "green" failed 2 time\(s\) and its step-failed ladder is used up: still red/.test(error.message),
    );
    assert.deepEqual(actions(context.events), ['retry', 'gave-up']);
  });

  it('ends the step, naming what a person must decide, when the ladder reaches a person and no one can be asked', async () => {
    const { handler } = scripted([new Error('the suite is red')]);
    const context = stepContext();
    await assert.rejects(withHealing(handler, { clock: new InstantClock(), policy: only('step-failed', [{ kind: 'ask-human' }]) }).run({}, context), (error: unknown) => {
      assert.ok(error instanceof TerminalStepError);
      assert.match(error.message, /^Step "green" failed 1 time\(s\) \(step-failed\): the suite is red\. A person must decide whether to retry it, skip it, edit the request or abort the workflow, and no one can be asked here/);
      return true;
    });
    assert.deepEqual(actions(context.events), ['gave-up']);
  });

  it('leaves a final failure of the handler (a veto) to the engine, without climbing', async () => {
    const { handler, hints } = scripted([new TerminalStepError('the Board vetoed the change'), { output: {} }]);
    const context = stepContext();
    await assert.rejects(withHealing(handler, { clock: new InstantClock() }).run({}, context), /the Board vetoed the change/);
    assert.equal(hints.length, 1);
    assert.deepEqual(healingEvents(context.events), []);
  });

  it('goes on to a person when the Board cannot answer (its model fails)', async () => {
    const failing: BoardAdvisor = {
      advise: () => Promise.reject(new ModelError('server', 'HTTP 503 from the model server')),
    };
    const approvals = new ScriptedApprovals([{ approved: true, choice: 'retry' }]);
    const { handler } = scripted([new Error('red'), { output: {} }]);
    const context = stepContext();
    await withHealing(handler, { clock: new InstantClock(), board: failing, approvals, policy: only('step-failed', [{ kind: 'ask-board' }, { kind: 'ask-human' }]) }).run({}, context);
    const [board] = healingEvents(context.events);
    assert.deepEqual([board?.action, board?.choice], ['ask-board', 'escalate']);
    assert.match(board?.summary ?? '', /the Board could not answer \(HTTP 503 from the model server\)/);
    assert.equal(approvals.asked.length, 1);
  });

  it('stops an attempt stuck in a doom loop, then retries with less context (scripted model server)', async () => {
    const { client: modelClient } = await rig({
      roles: {
        codebot: [
          { when: { lastMessageContains: 'same arguments' }, content: 'Done another way.' },
          { toolCalls: [{ name: 'read_file', arguments: { path: 'src/a.ts' } }], times: 20 },
        ],
      },
    });
    const clock = new InstantClock();
    const context = stepContext();
    const monitor = new HealingMonitor({ clock, emit: context.emit, logger: console });
    const model: ModelClient = new WatchedModelClient(modelClient, { monitor, clock });
    // A small agent loop: call the model, answer each tool call with the same file, until it answers in words.
    const agent = {
      async run(_input: unknown, step: { signal: AbortSignal }, hint?: RecoveryHint) {
        const messages: ChatMessage[] = [{ role: 'user', content: hint ? `Last time: ${hint.summary}` : 'Fix src/a.ts' }];
        for (;;) {
          const reply = await model.chat({ role: 'codebot', workflowId: 'wf-1', taskId: 'wf-1-t1', messages, signal: step.signal });
          if (reply.toolCalls.length === 0) return { output: { answer: reply.content } };
          messages.push({ role: 'assistant', content: null, toolCalls: reply.toolCalls });
          for (const call of reply.toolCalls) messages.push({ role: 'tool', toolCallId: call.id, content: 'export const a = 1;' });
        }
      },
    };
    const result = await withHealing(agent, { clock, monitor, policy: only('doom-loop', [{ kind: 'reduce-context', times: 1, contextScale: 0.5 }]) }).run({}, context);
    assert.deepEqual(result, { output: { answer: 'Done another way.' } });
    const events = healingEvents(context.events);
    assert.deepEqual(events.map((event) => [event.action, event.failure]), [
      ['detected', 'doom-loop'],
      ['reduce-context', 'doom-loop'],
      ['recovered', 'doom-loop'],
    ]);
    assert.equal(events[0]?.agent, 'codebot');
  });

  it('counts an attempt that outlasts its time as a timeout', async () => {
    let calls = 0;
    const handler = {
      run: (_input: unknown, step: { signal: AbortSignal }) =>
        ++calls === 1 ? new Promise<never>((_resolve, reject) => step.signal.addEventListener('abort', () => reject(step.signal.reason), { once: true })) : Promise.resolve({ output: { calls } }),
    };
    const context = stepContext();
    const result = await withHealing(handler, { clock: new SystemClock(), attemptTimeoutMs: 30, policy: only('timeout', [{ kind: 'retry', times: 1, delayMs: 0 }]) }).run({}, context);
    assert.deepEqual(result, { output: { calls: 2 } });
    const [retry] = healingEvents(context.events);
    assert.equal(retry?.failure, 'timeout');
    assert.match(retry?.summary ?? '', /the attempt took longer than 30 ms/);
  });

  it('leaves a stop by the engine (cancel, pause, shutdown) to the engine', async () => {
    const engineStop = new AbortController();
    const handler = {
      run: (_input: unknown, step: { signal: AbortSignal }) => {
        engineStop.abort(new Error('The workflow was canceled.'));
        return Promise.reject(step.signal.reason);
      },
    };
    const context = stepContext({ signal: engineStop.signal });
    await assert.rejects(withHealing(handler, { clock: new InstantClock() }).run({}, context), /canceled/);
    assert.deepEqual(healingEvents(context.events), []);
  });
});
