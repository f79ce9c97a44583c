import * as assert from 'node:assert/strict';
import { Board, type VerdictRecord } from '../../../../src/core/board/boardReview';
import type { AppendLog, ChatRequest, ChatResponse, Clock, ModelClient } from '../../../../src/core/ports';
import type { EngineEventInput } from '../../../../src/shared/events';
import type { TestRunResult } from '../../../../src/shared/testResults';

/** Test double: answers each Board role from its own queue and records the requests. */
class QueuedModel implements ModelClient {
  readonly requests: ChatRequest[] = [];
  constructor(private readonly answers: Partial<Record<string, string[]>>) {}
  async chat(request: ChatRequest): Promise<ChatResponse> {
    this.requests.push(request);
    const content = this.answers[request.role]?.shift();
    if (content === undefined) throw new Error(`no scripted answer left for ${request.role}`);
    return { content, toolCalls: [], finishReason: 'stop', model: 'test', usage: { promptTokens: 1, completionTokens: 1, totalTokens: 2 } };
  }
}

class MemoryLog<T> implements AppendLog<T> {
  readonly entries: T[] = [];
  async append(entry: T) {
    this.entries.push(entry);
  }
  async readAll() {
    return [...this.entries];
  }
}

const clock: Clock = { now: () => 1_000, sleep: async () => {} };
const approve = (summary: string) => JSON.stringify({ decision: 'approve', summary });
const change = { path: 'src/add.js', before: 'export const add = () => 0;\n', after: 'export const add = (a, b) => a + b;\n' };

function boardWith(answers: Partial<Record<string, string[]>>) {
  const model = new QueuedModel(answers);
  const audit = new MemoryLog<VerdictRecord>();
  const events: EngineEventInput[] = [];
  const board = new Board({ model, audit, clock, events: (event) => events.push(event) });
  return { board, model, audit, events };
}

describe('Board review', () => {
  it('approves a clean change, records every verdict and reports each as an event', async () => {
    const { board, audit, events, model } = boardWith({ cto: [approve('Simple.')], cso: [approve('Nothing risky.')], 'product-owner': [approve('Meets 1.')] });
    const review = await board.review({ kind: 'change', request: 'add numbers', criteria: ['add(1, 2) is 3'], changes: [change] }, { workflowId: 'wf-1' });
    assert.equal(review.outcome, 'approved');
    assert.deepEqual(audit.entries.map((v) => [v.role, v.decision, v.source]), [['cto', 'approve', 'model'], ['cso', 'approve', 'model'], ['product-owner', 'approve', 'model']]);
    assert.deepEqual(events.map((e) => e.type === 'verdict' && e.member), ['cto', 'cso', 'product-owner', 'board']);
    const prompt = model.requests[0].messages[1].content ?? '';
    assert.match(prompt, /\+export const add = \(a, b\) => a \+ b;/, 'the diff reaches the members');
    assert.match(prompt, /add\(1, 2\) is 3/, 'the criteria reach the members');
  });

  it("sends every member the same system prompt and subject, its own charter last, so a prompt cache shares the prefix", async () => {
    const { board, model } = boardWith({ cto: [approve('Simple.')], cso: [approve('Nothing risky.')], 'product-owner': [approve('Meets 1.')] });
    await board.review({ kind: 'change', request: 'add numbers', criteria: ['add(1, 2) is 3'], changes: [change] }, { workflowId: 'wf-1' });
    const [first, ...others] = model.requests.map((request) => request.messages.map((message) => message.content ?? ''));
    const subject = (prompt: string) => prompt.slice(0, prompt.indexOf('\n\n# Your part\n'));
    assert.equal(others.length, 2);
    for (const messages of others) {
      assert.equal(messages[0], first[0], 'one system prompt for every member');
      assert.equal(subject(messages[1]), subject(first[1]), 'one subject for every member');
    }
    assert.match(subject(first[1]), /^# Review of a change\n/);
    assert.deepEqual(
      model.requests.map((request) => /# Your part\nYou are the ([A-Za-z ]+)\./.exec(request.messages[1].content ?? '')?.[1]),
      ['CTO', 'CSO', 'Product Owner'],
    );
  });

  it("shows the members why a run's passes cannot be trusted, beside the counts", async () => {
    const { board, model } = boardWith({ cto: [approve('Simple.')], cso: [approve('Nothing risky.')], 'product-owner': [approve('Meets 1.')] });
    const tests: TestRunResult = {
      framework: 'node-test',
      outcome: 'completed',
      tests: [{ id: 'test/add.test.js::adds', name: 'adds', suite: [], file: 'test/add.test.js', status: 'passed' }],
      errors: [],
      summary: { passed: 1, failed: 0, skipped: 0, total: 1 },
      durationMs: 5,
      output: '',
      untrusted: ["1 line in the test records was not written by Imperium's reporter"],
    };
    await board.review({ kind: 'change', request: 'add numbers', criteria: [], changes: [change], tests }, { workflowId: 'wf-u' });
    const prompt = model.requests[0].messages[1].content ?? '';
    assert.match(prompt, /## Tests\n1 passed, 0 failed, 0 skipped \(completed\)\nImperium Flow found that this run's passes cannot be trusted, so the change cannot be approved on them:\n<data source="untrusted run">\n- 1 line in the test records was not written by Imperium's reporter\n<\/data>/);
  });

  it('vetoes a hard-coded secret from the checks alone, without asking the CSO model', async () => {
    const { board, model, audit } = boardWith({ cto: [approve('Fine.')], 'product-owner': [approve('Fine.')] });
    const leaky = { path: 'src/client.js', after: 'const apiKey = "sk-proj-abcdefghijklmnopqrstuvwxyz012345";\n' };
    const review = await board.review({ kind: 'change', request: 'call the API', criteria: [], changes: [leaky] }, { workflowId: 'wf-2' });
    assert.equal(review.outcome, 'vetoed');
    assert.match(review.reasons[0], /CSO vetoed: security checks found .*src\/client\.js:1/);
    assert.ok(model.requests.every((r) => r.role !== 'cso'));
    const cso = audit.entries.find((v) => v.role === 'cso');
    assert.equal(cso?.source, 'checks');
    assert.ok(!JSON.stringify(audit.entries).includes('abcdefghijklmnop'), 'the secret is not written to the audit log');
    assert.ok(!JSON.stringify(model.requests).includes('abcdefghijklmnop'), 'the secret is not sent to the other members’ models');
  });

  it('gives a member one chance to fix an invalid answer, telling it what was wrong', async () => {
    const { board, model } = boardWith({ cto: ['looks good to me', approve('Fine.')], cso: [approve('Fine.')], 'product-owner': [approve('Fine.')] });
    const review = await board.review({ kind: 'plan', request: 'r', criteria: ['c'], plan: '1. test 2. code' }, { workflowId: 'wf-3' });
    assert.equal(review.outcome, 'approved');
    const retry = model.requests.filter((r) => r.role === 'cto')[1];
    assert.match(retry.messages.at(-1)?.content ?? '', /not a valid verdict: the answer is not JSON/);
  });

  it('fails closed when the CSO answers invalid twice', async () => {
    const { board, audit } = boardWith({ cto: [approve('Fine.')], cso: ['{"decision":"maybe"}', 'still no'], 'product-owner': [approve('Fine.')] });
    const review = await board.review({ kind: 'change', request: 'r', criteria: [], changes: [change] }, { workflowId: 'wf-4' });
    assert.equal(review.outcome, 'changes-requested');
    assert.equal(audit.entries.find((v) => v.role === 'cso')?.decision, 'invalid');
  });

  it('sends request-changes findings back with the reasons', async () => {
    const requestChanges = JSON.stringify({ decision: 'request-changes', summary: 'Criterion 2 is not met.', findings: [{ severity: 'medium', message: 'negative numbers unhandled' }] });
    const { board } = boardWith({ cto: [requestChanges], cso: [approve('Fine.')], 'product-owner': [requestChanges] });
    const review = await board.review({ kind: 'change', request: 'r', criteria: ['a', 'b'], changes: [change] }, { workflowId: 'wf-5' });
    assert.equal(review.outcome, 'changes-requested');
    assert.deepEqual(review.verdicts.find((v) => v.role === 'cto')?.findings, [{ severity: 'medium', message: 'negative numbers unhandled' }]);
  });
});
