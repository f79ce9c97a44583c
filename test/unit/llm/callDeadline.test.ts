import assert from 'node:assert/strict';
import { ModelError, type ChatRequest, type ChatResponse, type ModelClient } from '../../../src/core/ports';
import { withCallDeadline } from '../../../src/llm/callDeadline';

/** A model that answers after `delayMs`, or ends canceled when the request's signal aborts first. */
function slowModel(delayMs: number): ModelClient {
  return {
    chat: (request: ChatRequest) =>
      new Promise<ChatResponse>((resolve, reject) => {
        const timer = setTimeout(() => resolve({ text: 'done', toolCalls: [] } as unknown as ChatResponse), delayMs);
        request.signal?.addEventListener('abort', () => {
          clearTimeout(timer);
          reject(new ModelError('canceled', 'canceled'));
        });
      }),
  };
}

const request = { role: 'codebot', messages: [] } as unknown as ChatRequest;

describe('a deadline for each model call (vscode.lm models have none of their own)', () => {
  it('passes a reply that comes in time through', async () => {
    const reply = await withCallDeadline(slowModel(5), 1_000, 'the setting').chat(request);
    assert.equal((reply as unknown as { text: string }).text, 'done');
  });

  it('cancels a reply that does not finish in time and says it was the time, naming where the limit is set', async () => {
    await assert.rejects(withCallDeadline(slowModel(5_000), 30, 'imperium.model.timeoutSeconds').chat(request), (error: unknown) => {
      assert.ok(error instanceof ModelError);
      assert.equal(error.code, 'timeout');
      assert.match(error.message, /imperium\.model\.timeoutSeconds/);
      return true;
    });
  });

  it("keeps a cancel by the caller a cancel, not a timeout", async () => {
    const caller = new AbortController();
    const call = withCallDeadline(slowModel(5_000), 1_000, 'the setting').chat({ ...request, signal: caller.signal });
    caller.abort();
    await assert.rejects(call, (error: unknown) => error instanceof ModelError && error.code === 'canceled');
  });

  it('refuses a deadline that is not a positive number', () => {
    assert.throws(() => withCallDeadline(slowModel(1), 0, 'the setting'), RangeError);
  });
});
