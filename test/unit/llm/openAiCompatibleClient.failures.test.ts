import * as assert from 'node:assert/strict';
import { ModelError, type ChatMessage } from '../../../src/core/ports';
import { OpenAiCompatibleClient } from '../../../src/llm/openAiCompatibleClient';
import { startScriptedModelServer } from '../../../src/llm/scriptedServer/scriptedModelServer';
import { closeRigs, retryEvents, rig, tokenEvents } from './scriptedModelHarness';

const ask: ChatMessage[] = [{ role: 'user', content: 'Go.' }];

function modelError(code: ModelError['code'], check?: (error: ModelError) => void) {
  return (error: unknown) => {
    assert.ok(error instanceof ModelError, `expected a ModelError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    check?.(error);
    return true;
  };
}

describe('OpenAI-compatible client: failures, retries and cancellation', () => {
  afterEach(closeRigs);

  describe('retries', () => {
    it('honours Retry-After (milliseconds, then seconds) on a 429, and reports each retry as an event naming the role', async () => {
      const { server, client, events } = await rig('fault-rate-limit.json', { retry: { maxRetries: 3, baseDelayMs: 5, maxDelayMs: 5_000 } });
      const started = Date.now();
      const response = await client.chat({ role: 'codebot', messages: ask, workflowId: 'wf-9' });

      assert.equal(response.content, 'Answered after two rate limits.');
      assert.equal(server.requests.length, 3);
      assert.deepEqual(retryEvents(events), [
        { type: 'retry', what: 'model-call', agent: 'codebot', attempt: 1, delayMs: 50, reason: 'HTTP 429 rate limited', workflowId: 'wf-9' },
        { type: 'retry', what: 'model-call', agent: 'codebot', attempt: 2, delayMs: 1000, reason: 'HTTP 429 rate limited', workflowId: 'wf-9' },
      ]);
      const gaps = server.requests.slice(1).map((request, index) => request.at - (server.requests[index]?.at ?? 0));
      assert.ok((gaps[0] ?? 0) >= 45 && (gaps[1] ?? 0) >= 950, `the waits were honoured: ${gaps.join(', ')} ms`);
      assert.ok(Date.now() - started < 3_000);
      assert.equal(tokenEvents(events).length, 1, 'usage is reported once, for the call that succeeded');
    });

    it('stops a 429 storm after the maximum retries, with a rate-limited error', async () => {
      const { server, client, events } = await rig({ roles: { codebot: [{ fault: { status: 429, retryAfterMs: 10 }, times: 10 }] } });
      await assert.rejects(
        client.chat({ role: 'codebot', messages: ask }),
        modelError('rate-limited', (error) => {
          assert.equal(error.status, 429);
          assert.match(error.message, /rate limiting.*Gave up after 3 retries\./);
        }),
      );
      assert.equal(server.requests.length, 4);
      assert.equal(server.remaining(), 6);
      assert.deepEqual(
        retryEvents(events).map((event) => event.attempt),
        [1, 2, 3],
      );
      assert.equal(tokenEvents(events).length, 0);
    });

    it('does not wait longer than allowed: a Retry-After past the maximum delay ends the call at once', async () => {
      const { server, client, events } = await rig(
        { roles: { codebot: [{ fault: { status: 429, retryAfter: 120 } }, { content: 'too late' }] } },
        { retry: { maxRetries: 3, baseDelayMs: 5, maxDelayMs: 2_000 } },
      );
      await assert.rejects(client.chat({ role: 'codebot', messages: ask }), modelError('rate-limited', (error) => assert.match(error.message, /asked to wait 120 s .* 2 s allowed/)));
      assert.equal(server.requests.length, 1);
      assert.deepEqual(retryEvents(events), []);
    });

    it('does not retry a 429 that says the quota is spent', async () => {
      const { server, client } = await rig({ roles: { codebot: [{ fault: { status: 429, code: 'insufficient_quota', message: 'You exceeded your current quota.' }, times: 3 }] } });
      await assert.rejects(client.chat({ role: 'codebot', messages: ask }), modelError('rate-limited', (error) => assert.match(error.message, /no quota left: You exceeded your current quota/)));
      assert.equal(server.requests.length, 1);
    });

    it('retries server errors, honouring a Retry-After given as an HTTP date', async () => {
      const { server, client, events } = await rig('fault-server-error.json');
      const response = await client.chat({ role: 'codebot', messages: ask });
      assert.equal(response.content, 'Answered after two server errors.');
      assert.equal(server.requests.length, 3);
      const retries = retryEvents(events);
      assert.deepEqual(
        retries.map((event) => event.reason),
        ['HTTP 500 server error', 'HTTP 503 server error'],
      );
      assert.ok((retries[0]?.delayMs ?? -1) >= 2 && (retries[0]?.delayMs ?? 99) <= 5, 'backoff with jitter: within [base/2, base]');
      assert.equal(retries[1]?.delayMs, 0, 'a date already past means retry now');
    });

    it('backs off exponentially, with jitter, within the maximum delay', async () => {
      const { client, events } = await rig(
        { roles: { codebot: [{ fault: { status: 500 }, times: 5 }] } },
        { retry: { maxRetries: 4, baseDelayMs: 20, maxDelayMs: 50 } },
      );
      await assert.rejects(client.chat({ role: 'codebot', messages: ask }), modelError('server', (error) => assert.match(error.message, /HTTP 500.*Gave up after 4 retries/)));
      const ceilings = [20, 40, 50, 50];
      retryEvents(events).forEach((event, index) => {
        const ceiling = ceilings[index] ?? 0;
        assert.ok(event.delayMs >= ceiling / 2 && event.delayMs <= ceiling, `retry ${event.attempt} waited ${event.delayMs} ms, outside [${ceiling / 2}, ${ceiling}]`);
      });
      assert.equal(retryEvents(events).length, 4);
    });

    it('retries when the connection fails, and names the cause when it gives up', async () => {
      const server = await startScriptedModelServer({ roles: {} });
      const url = server.url;
      await server.close();
      const events: unknown[] = [];
      const client = new OpenAiCompatibleClient({
        baseUrl: url,
        models: { default: 'm' },
        retry: { maxRetries: 2, baseDelayMs: 5, maxDelayMs: 20 },
        events: (event) => events.push(event),
      });
      await assert.rejects(client.chat({ role: 'codebot', messages: ask }), modelError('network', (error) => assert.match(error.message, /Could not reach .*ECONNREFUSED.*Gave up after 2 retries/)));
      assert.equal(events.length, 2);
    });
  });

  describe('cut streams', () => {
    it('retries a stream cut off before any text was shown', async () => {
      const { server, client, events } = await rig('fault-cut-stream.json');
      const deltas: string[] = [];
      const response = await client.chat({ role: 'codebot', messages: ask, onText: (text) => deltas.push(text) });
      assert.equal(response.content, 'The whole reply, on the second try.');
      assert.equal(deltas.join(''), response.content);
      assert.equal(server.requests.length, 2);
      assert.deepEqual(
        retryEvents(events).map((event) => event.reason),
        ['reply cut off'],
      );
    });

    it('reports, and does not retry, a stream cut off after some text was shown', async () => {
      const { server, client, events } = await rig('fault-cut-stream.json');
      const deltas: string[] = [];
      await assert.rejects(
        client.chat({ role: 'testbot', messages: ask, onText: (text) => deltas.push(text) }),
        modelError('network', (error) => assert.match(error.message, /cut the reply off.*Not retried/)),
      );
      assert.deepEqual(deltas, ['Three ', 'words, ']);
      assert.equal(server.requests.length, 1);
      assert.deepEqual(retryEvents(events), []);
    });

    it('retries a whole reply whose body is cut off', async () => {
      const { server, client } = await rig({ roles: { codebot: [{ content: 'Lost halfway.', fault: { cutAfterChunks: 0 } }, { content: 'Complete.' }] } });
      const response = await client.chat({ role: 'codebot', messages: ask });
      assert.equal(response.content, 'Complete.');
      assert.equal(server.requests.length, 2);
    });
  });

  describe('keys', () => {
    it('refuses at once on 401, with a message that never shows the key', async () => {
      const key = 'sk-test-0123456789abcdef';
      const { server, client, events } = await rig('fault-auth.json', { apiKey: key });
      await assert.rejects(
        client.chat({ role: 'codebot', messages: ask }),
        modelError('auth', (error) => {
          assert.equal(error.status, 401);
          assert.ok(!error.message.includes(key), error.message);
          assert.match(error.message, /refused the API key \(HTTP 401: Incorrect API key provided: \[API key\]\)/);
        }),
      );
      assert.equal(server.requests.length, 1);
      assert.deepEqual(retryEvents(events), []);
    });

    it('treats 403 as an auth failure too', async () => {
      const { server, client } = await rig({ roles: { codebot: [{ fault: { status: 403 }, times: 2 }] } }, { apiKey: 'sk-test-0123456789abcdef' });
      await assert.rejects(client.chat({ role: 'codebot', messages: ask }), modelError('auth'));
      assert.equal(server.requests.length, 1);
    });

    it('fails before sending anything when a needed key is missing, and says how to set one', async () => {
      const { server, client } = await rig('role-turns.json', { requireApiKey: true });
      await assert.rejects(
        client.chat({ role: 'codebot', messages: ask }),
        modelError('missing-key', (error) => assert.match(error.message, /^No API key is set for the model endpoint http:\/\/127\.0\.0\.1:\d+\. Set one with the command "Imperium: Set API Key"/)),
      );
      assert.deepEqual(server.requests, []);
    });

    it('needs a key for a remote endpoint unless told otherwise, and tells the person how, in the caller\'s words', async () => {
      const remote = new OpenAiCompatibleClient({ baseUrl: 'https://api.example.invalid/v1', models: { default: 'm' }, missingKeyHelp: 'Set IMPERIUM_API_KEY.' });
      await assert.rejects(remote.chat({ role: 'codebot', messages: ask }), modelError('missing-key', (error) => assert.match(error.message, /https:\/\/api\.example\.invalid\. Set IMPERIUM_API_KEY\.$/)));
      const blank = await rig('role-turns.json', { apiKey: '   ', requireApiKey: true });
      await assert.rejects(blank.client.chat({ role: 'codebot', messages: ask }), modelError('missing-key'));
      assert.equal(blank.server.requests.length, 0);
    });

    it('reports a key that cannot be read as missing, with the reason', async () => {
      const { server, client } = await rig('role-turns.json', {
        apiKey: async () => {
          throw new Error('the keychain is locked');
        },
      });
      await assert.rejects(client.chat({ role: 'codebot', messages: ask }), modelError('missing-key', (error) => assert.match(error.message, /keychain is locked/)));
      assert.equal(server.requests.length, 0);
    });
  });

  describe('timeouts and cancellation', () => {
    it('times a slow call out, without retrying it', async () => {
      const { server, client, events } = await rig('fault-delay.json', { timeoutMs: 200 });
      const started = Date.now();
      await assert.rejects(client.chat({ role: 'codebot', messages: ask }), modelError('timeout', (error) => assert.match(error.message, /did not answer within 200 ms/)));
      assert.ok(Date.now() - started < 1_500);
      assert.equal(server.requests.length, 1);
      assert.deepEqual(retryEvents(events), []);
    });

    it('times out a stream that stalls after it started', async () => {
      const { client } = await rig({ roles: { codebot: [{ content: 'one two three four', fault: { chunkDelayMs: 1_000 } }] } }, { timeoutMs: 300 });
      const deltas: string[] = [];
      await assert.rejects(client.chat({ role: 'codebot', messages: ask, onText: (text) => deltas.push(text) }), modelError('timeout'));
      assert.deepEqual(deltas, []);
    });

    it('cancels a call in flight when its signal aborts', async () => {
      const { client } = await rig('fault-delay.json');
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 100);
      const started = Date.now();
      await assert.rejects(client.chat({ role: 'codebot', messages: ask, signal: controller.signal }), modelError('canceled'));
      assert.ok(Date.now() - started < 1_500);
    });

    it('sends nothing when the signal has already aborted', async () => {
      const { server, client } = await rig('role-turns.json');
      await assert.rejects(client.chat({ role: 'codebot', messages: ask, signal: AbortSignal.abort() }), modelError('canceled'));
      assert.equal(server.requests.length, 0);
    });

    it('cancels while waiting to retry', async () => {
      const { server, client } = await rig({ roles: { codebot: [{ fault: { status: 503, retryAfterMs: 1_500 } }, { content: 'never asked for' }] } });
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 100);
      const started = Date.now();
      await assert.rejects(client.chat({ role: 'codebot', messages: ask, signal: controller.signal }), modelError('canceled'));
      assert.ok(Date.now() - started < 1_000);
      assert.equal(server.requests.length, 1);
    });

    it('cancels a stream part way through', async () => {
      const { client } = await rig({ roles: { codebot: [{ content: 'one two three four five six', fault: { chunkDelayMs: 60 } }] } });
      const controller = new AbortController();
      const deltas: string[] = [];
      await assert.rejects(
        client.chat({
          role: 'codebot',
          messages: ask,
          signal: controller.signal,
          onText: (text) => {
            deltas.push(text);
            if (deltas.length === 2) controller.abort();
          },
        }),
        modelError('canceled'),
      );
      assert.deepEqual(deltas, ['one ', 'two ']);
    });
  });

  for (const streamed of [false, true]) {
    it(`returns malformed tool arguments as sent, for the agent loop to handle (${streamed ? 'streamed' : 'whole'})`, async () => {
      const { client } = await rig('fault-malformed-arguments.json');
      const response = await client.chat({ role: 'codebot', messages: ask, ...(streamed ? { onText: () => undefined } : {}) });
      assert.equal(response.finishReason, 'tool_calls');
      assert.equal(response.content, null);
      assert.deepEqual(response.toolCalls, [{ id: 'call_1_0', name: 'write_file', arguments: '{"path": "src/add.ts", "content": ' }]);
      assert.throws(() => JSON.parse(response.toolCalls[0]?.arguments ?? ''), SyntaxError);
    });
  }
});
