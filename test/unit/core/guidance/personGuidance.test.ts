import * as assert from 'node:assert/strict';
import type { ChatRequest, ChatResponse, ModelClient } from '../../../../src/core/ports';
import { MAX_GUIDANCE_CHARS, PersonGuidance } from '../../../../src/core/guidance/personGuidance';

// The person's notes to a running workflow reach its working agents' next model calls, and only theirs.

class RecordingModel implements ModelClient {
  readonly requests: ChatRequest[] = [];
  async chat(request: ChatRequest): Promise<ChatResponse> {
    this.requests.push(request);
    return { content: 'ok', toolCalls: [], finishReason: 'stop', model: 'recorded', usage: { promptTokens: 1, completionTokens: 1, totalTokens: 2 } };
  }
}

const TASK = [
  { role: 'system', content: 'You are CodeBot.' },
  { role: 'user', content: 'Task: add citation().' },
] as const;

describe('PersonGuidance', () => {
  it("adds the workflow's notes after the transcript of every later call of its working agents", async () => {
    const guidance = new PersonGuidance();
    const model = new RecordingModel();
    const guided = guidance.wrap(model);
    await guided.chat({ role: 'codebot', messages: TASK, workflowId: 'wf-1' });
    guidance.add('wf-1', '  Use a Map, not an array.  ');
    await guided.chat({ role: 'codebot', messages: TASK, workflowId: 'wf-1' });
    guidance.add('wf-1', 'Keep the public API as it is.');
    await guided.chat({ role: 'testbot', messages: TASK, workflowId: 'wf-1' });
    assert.deepEqual(model.requests[0].messages, TASK, 'nothing before the first note');
    assert.deepEqual(model.requests[1].messages.slice(0, 2), TASK, 'the transcript is kept as it was');
    assert.deepEqual(model.requests[1].messages.at(-1), {
      role: 'user',
      content: 'Guidance from the person you work for, sent while you work. Follow it within your task and its rules:\n1. Use a Map, not an array.',
    });
    assert.match(String(model.requests[2].messages.at(-1)?.content), /1\. Use a Map, not an array\.\n2\. Keep the public API as it is\.$/);
  });

  it("reaches neither another workflow's agents nor the Board's reviewers", async () => {
    const guidance = new PersonGuidance();
    const model = new RecordingModel();
    guidance.add('wf-1', 'Use a Map.');
    await guidance.wrap(model).chat({ role: 'codebot', messages: TASK, workflowId: 'wf-2' });
    await guidance.wrap(model).chat({ role: 'cto', messages: TASK, workflowId: 'wf-1' });
    await guidance.wrap(model).chat({ role: 'codebot', messages: TASK });
    for (const request of model.requests) assert.deepEqual(request.messages, TASK);
  });

  it('forgets an ended workflow, and refuses an empty or oversized note with the reason', async () => {
    const guidance = new PersonGuidance();
    guidance.add('wf-1', 'Use a Map.');
    guidance.forget('wf-1');
    assert.deepEqual(guidance.notesFor('wf-1'), []);
    assert.throws(() => guidance.add('wf-1', '   '), /the guidance is empty/);
    assert.throws(() => guidance.add('wf-1', 'x'.repeat(MAX_GUIDANCE_CHARS + 1)), /at most 4000 characters/);
  });
});
