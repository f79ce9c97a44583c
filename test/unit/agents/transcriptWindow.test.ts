import * as assert from 'node:assert/strict';
import type { ChatMessage } from '../../../src/core/ports';
import { estimateTokens, TranscriptWindow } from '../../../src/agents/transcriptWindow';

const SYSTEM: ChatMessage = { role: 'system', content: 'You are CodeBot.' };
const TASK: ChatMessage = { role: 'user', content: 'Task: read the files.' };

/** A transcript of `steps` read_file calls, each answered with `resultChars` characters. */
function transcript(steps: number, resultChars = 2_000): ChatMessage[] {
  const messages: ChatMessage[] = [SYSTEM, TASK];
  for (let step = 1; step <= steps; step++) {
    messages.push({ role: 'assistant', content: null, toolCalls: [{ id: `c${step}`, name: 'read_file', arguments: JSON.stringify({ path: `src/f${step}.ts` }) }] });
    messages.push({ role: 'tool', toolCallId: `c${step}`, content: `${step}:`.padEnd(resultChars, 'x') });
  }
  return messages;
}

const sentTokens = (messages: readonly ChatMessage[]) => messages.reduce((sum, message) => sum + estimateTokens(JSON.stringify(message)), 0);

describe('TranscriptWindow', () => {
  it('sends a transcript within the budget as it is', () => {
    const messages = transcript(3);
    assert.deepEqual(new TranscriptWindow(6_000).view(messages), messages);
  });

  it('elides the oldest tool results with a note past the budget, keeping the prefix and the newest results whole', () => {
    const messages = transcript(20, 500);
    const sent = new TranscriptWindow(3_000).view(messages);
    assert.equal(sent.length, messages.length, 'every call keeps its result, so the transcript stays well-formed');
    assert.deepEqual(sent.slice(0, 2), [SYSTEM, TASK]);
    const results = sent.filter((message) => message.role === 'tool');
    assert.match(results[0].content, /^\[Elided to keep the prompt small: an earlier result of 500 characters\. Call the tool again/);
    assert.deepEqual(results.slice(-4), messages.filter((message) => message.role === 'tool').slice(-4));
    assert.ok(sentTokens(sent) < 3_000, `${sentTokens(sent)} estimated tokens sent`);
    assert.equal(messages.filter((message) => message.role === 'tool')[0].content.length, 500, 'the transcript itself is left whole');
  });

  it('keeps per-request size flat as a run goes on, and elides in strides so the sent prefix stays the same between them', () => {
    const window = new TranscriptWindow(6_000);
    const sizes: number[] = [];
    const views: ChatMessage[][] = [];
    for (let steps = 1; steps <= 100; steps++) {
      const view = window.view(transcript(steps));
      views.push(view);
      sizes.push(sentTokens(view));
    }
    // The test's own estimate counts the JSON around each message too, so it reads above the budget.
    const early = Math.max(...sizes.slice(20, 50));
    const late = Math.max(...sizes.slice(50));
    assert.ok(late <= early * 1.05, `largest request of steps 51-100 ${late}, of steps 21-50 ${early}: flat, not growing`);
    assert.ok(late < 8_000, `largest request ${late}`);
    assert.ok(Math.min(...sizes.slice(20)) > 3_000, `smallest late request ${Math.min(...sizes.slice(20))}: the budget is used, not wasted`);
    const dropped = views.at(-1)?.[2];
    assert.ok(dropped?.role === 'user');
    assert.match(dropped.content, /^\[\d+ earlier steps are left out to keep the prompt small/);
    // Between two elisions a request is the previous one plus the new step.
    let unchangedPrefixes = 0;
    for (let index = 1; index < views.length; index++) {
      const previous = views[index - 1];
      if (JSON.stringify(views[index].slice(0, previous.length)) === JSON.stringify(previous)) unchangedPrefixes++;
    }
    assert.ok(unchangedPrefixes >= 60, `${unchangedPrefixes} of 99 requests extend the previous one unchanged`);
  });

  it('shortens the long arguments of old calls, such as a written file’s content, and keeps them valid JSON', () => {
    const messages: ChatMessage[] = [SYSTEM, TASK];
    for (let step = 1; step <= 12; step++) {
      messages.push({ role: 'assistant', content: null, toolCalls: [{ id: `w${step}`, name: 'write_file', arguments: JSON.stringify({ path: `src/f${step}.ts`, content: 'y'.repeat(2_500) }) }] });
      messages.push({ role: 'tool', toolCallId: `w${step}`, content: 'Wrote it.' });
    }
    const sent = new TranscriptWindow(6_000).view(messages);
    const first = sent[2];
    assert.ok(first.role === 'assistant' && first.toolCalls);
    assert.deepEqual(JSON.parse(first.toolCalls[0].arguments), { path: 'src/f1.ts', content: '[elided: 2500 characters]' });
    assert.equal(first.toolCalls[0].id, 'w1');
  });

  it('refuses a budget that is not a positive number', () => {
    assert.throws(() => new TranscriptWindow(0), /positive number of tokens/);
    assert.throws(() => new TranscriptWindow(Number.NaN), /positive number of tokens/);
  });
});
