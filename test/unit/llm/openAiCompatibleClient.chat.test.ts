import * as assert from 'node:assert/strict';
import type { ChatMessage, ToolSpec } from '../../../src/core/ports';
import { closeRigs, rig, tokenEvents } from './scriptedModelHarness';

const ask = (content: string): ChatMessage[] => [
  { role: 'system', content: 'You are CodeBot.' },
  { role: 'user', content },
];

const TOOLS: ToolSpec[] = [
  { name: 'read_file', description: 'Reads a workspace file.', parameters: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] } },
  { name: 'run_tests', description: 'Runs tests.', parameters: { type: 'object', properties: { files: { type: 'array', items: { type: 'string' } } } } },
];

interface WireBody {
  model: string;
  user?: string;
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  messages: Array<Record<string, unknown>>;
  tools?: unknown[];
  temperature?: number;
  max_tokens?: number;
  max_completion_tokens?: number;
}

const bodyOf = (body: unknown) => body as WireBody;

describe('OpenAI-compatible client against the scripted model server', () => {
  afterEach(closeRigs);

  it('gets a plain reply, with usage, and sends the role as the request user', async () => {
    const { server, client, events } = await rig('role-turns.json');
    const response = await client.chat({ role: 'codebot', messages: ask('Add two numbers.'), workflowId: 'wf-1', taskId: 't-1' });

    assert.equal(response.content, 'First CodeBot reply.');
    assert.deepEqual(response.toolCalls, []);
    assert.equal(response.finishReason, 'stop');
    assert.equal(response.model, 'scripted-model');
    assert.equal(response.usage.promptTokens, server.requests[0]?.promptTokens);
    assert.ok(response.usage.completionTokens > 0);
    assert.equal(response.usage.totalTokens, response.usage.promptTokens + response.usage.completionTokens);
    assert.equal(response.costUsd, undefined);

    const body = bodyOf(server.requests[0]?.body);
    assert.equal(body.user, 'codebot');
    assert.equal(body.stream, false);
    assert.deepEqual(body.messages, [
      { role: 'system', content: 'You are CodeBot.' },
      { role: 'user', content: 'Add two numbers.' },
    ]);
    assert.deepEqual(tokenEvents(events), [{ type: 'tokens', agent: 'codebot', model: 'scripted-model', usage: response.usage, workflowId: 'wf-1', taskId: 't-1' }]);
  });

  it('answers each role from its own replies, in order, and says clearly when the script has run out', async () => {
    const { server, client } = await rig('role-turns.json');
    assert.equal((await client.chat({ role: 'codebot', messages: ask('one') })).content, 'First CodeBot reply.');
    assert.equal((await client.chat({ role: 'testbot', messages: ask('one') })).content, 'The only TestBot reply.');
    assert.equal((await client.chat({ role: 'codebot', messages: ask('two') })).content, 'Second CodeBot reply.');
    assert.equal(server.remaining(), 0);

    await assert.rejects(client.chat({ role: 'codebot', messages: ask('three') }), (error: Error & { code?: string }) => {
      assert.equal(error.code, 'bad-request');
      assert.match(error.message, /no reply left for role "codebot" \(its request 3\).*"three"/);
      return true;
    });
    assert.equal(server.requests.length, 4, 'the exhausted script is not retried');
    assert.deepEqual(
      server.requests.map((request) => request.answer),
      ['scripted', 'scripted', 'scripted', 'no-reply'],
    );
  });

  it('streams a reply, passing each text delta as it arrives and asking for usage in the stream', async () => {
    const { server, client } = await rig('streaming.json');
    const deltas: Array<{ text: string; at: number }> = [];
    const response = await client.chat({ role: 'codebot', messages: ask('Stream it.'), onText: (text) => deltas.push({ text, at: Date.now() }) });

    assert.equal(response.content, 'Streamed replies arrive word by word.');
    assert.equal(deltas.map((delta) => delta.text).join(''), response.content);
    assert.equal(deltas.length, 6, 'one delta per word');
    assert.ok((deltas.at(-1)?.at ?? 0) - (deltas[0]?.at ?? 0) >= 80, 'deltas arrive over time, as streamed');
    assert.equal(response.finishReason, 'stop');
    assert.equal(response.usage.promptTokens, server.requests[0]?.promptTokens, 'usage came in the stream');

    const body = bodyOf(server.requests[0]?.body);
    assert.equal(body.stream, true);
    assert.deepEqual(body.stream_options, { include_usage: true });
  });

  for (const streamed of [false, true]) {
    it(`returns tool calls ${streamed ? 'assembled from a stream' : 'from a whole reply'}, and sends tool results back`, async () => {
      const { server, client } = await rig('tool-calls.json');
      const deltas: string[] = [];
      const first = await client.chat({
        role: 'codebot',
        messages: ask('Fix add().'),
        tools: TOOLS,
        ...(streamed ? { onText: (text: string) => deltas.push(text) } : {}),
      });

      assert.equal(first.finishReason, 'tool_calls');
      assert.equal(first.content, 'Reading the code and running its tests.');
      if (streamed) assert.equal(deltas.join(''), first.content);
      assert.deepEqual(
        first.toolCalls.map((call) => ({ id: call.id, name: call.name, arguments: JSON.parse(call.arguments) as unknown })),
        [
          { id: 'call_read', name: 'read_file', arguments: { path: 'src/add.ts' } },
          { id: 'call_1_1', name: 'run_tests', arguments: { files: ['test/add.test.ts'], reason: 'see what fails before changing anything' } },
        ],
      );
      assert.deepEqual(bodyOf(server.requests[0]?.body).tools, [
        { type: 'function', function: { name: 'read_file', description: 'Reads a workspace file.', parameters: TOOLS[0]?.parameters } },
        { type: 'function', function: { name: 'run_tests', description: 'Runs tests.', parameters: TOOLS[1]?.parameters } },
      ]);

      const history: ChatMessage[] = [
        ...ask('Fix add().'),
        { role: 'assistant', content: first.content, toolCalls: first.toolCalls },
        { role: 'tool', toolCallId: 'call_read', content: 'export const add = (a, b) => a - b;' },
        { role: 'tool', toolCallId: 'call_1_1', content: '1 failing' },
      ];
      const second = await client.chat({ role: 'codebot', messages: history, tools: TOOLS });
      assert.equal(second.content, 'Done: add() returns the sum.');
      assert.deepEqual(bodyOf(server.requests[1]?.body).messages.slice(2), [
        {
          role: 'assistant',
          content: 'Reading the code and running its tests.',
          tool_calls: [
            { id: 'call_read', type: 'function', function: { name: 'read_file', arguments: '{"path":"src/add.ts"}' } },
            { id: 'call_1_1', type: 'function', function: { name: 'run_tests', arguments: first.toolCalls[1]?.arguments } },
          ],
        },
        { role: 'tool', tool_call_id: 'call_read', content: 'export const add = (a, b) => a - b;' },
        { role: 'tool', tool_call_id: 'call_1_1', content: '1 failing' },
      ]);
    });
  }

  it('prices a call on a common model from the built-in prices, in dollars, and the configured price overrides them', async () => {
    const { client, events } = await rig('role-turns.json', { models: { default: 'gpt-4o-mini', byRole: { testbot: 'gpt-4.1-mini' } }, prices: { 'gpt-4.1-mini': { promptUsdPerMillion: 1, completionUsdPerMillion: 1 } } });
    const builtIn = await client.chat({ role: 'codebot', messages: ask('Price me.') });
    // gpt-4o-mini: $0.15 per million prompt tokens, $0.60 per million completion tokens (OpenAI's price page).
    const expected = (builtIn.usage.promptTokens * 0.15 + builtIn.usage.completionTokens * 0.6) / 1_000_000;
    assert.ok(expected > 0);
    assert.ok(Math.abs((builtIn.costUsd ?? Number.NaN) - expected) < 1e-12, `${builtIn.costUsd} is not ${expected}`);
    const overridden = await client.chat({ role: 'testbot', messages: ask('And me.') });
    assert.equal(overridden.costUsd, (overridden.usage.promptTokens + overridden.usage.completionTokens) / 1_000_000);
    assert.deepEqual(tokenEvents(events).map((event) => event.costUsd), [builtIn.costUsd, overridden.costUsd]);
  });

  it('prices each call from the configured prices, and leaves the cost out when the model has none', async () => {
    const { client, events } = await rig('role-turns.json', {
      models: { default: 'priced-model', byRole: { testbot: 'free-model' } },
      prices: { 'priced-model': { promptUsdPerMillion: 2.5, completionUsdPerMillion: 10 } },
    });
    const priced = await client.chat({ role: 'codebot', messages: ask('Price me.') });
    const expected = (priced.usage.promptTokens * 2.5 + priced.usage.completionTokens * 10) / 1_000_000;
    assert.ok(expected > 0);
    assert.equal(priced.costUsd, expected);

    const unpriced = await client.chat({ role: 'testbot', messages: ask('And me.') });
    assert.equal(unpriced.costUsd, undefined);
    assert.ok(!('costUsd' in unpriced));

    const tokens = tokenEvents(events);
    assert.deepEqual(
      tokens.map((event) => [event.agent, event.model, event.costUsd]),
      [
        ['codebot', 'priced-model', expected],
        ['testbot', 'free-model', undefined],
      ],
    );
  });

  it('talks to the model configured for each role, the default otherwise', async () => {
    const { server, client } = await rig('role-turns.json', { models: { default: 'small-model', byRole: { testbot: 'large-model' } } });
    const code = await client.chat({ role: 'codebot', messages: ask('a') });
    const test = await client.chat({ role: 'testbot', messages: ask('b') });
    assert.deepEqual(
      server.requests.map((request) => [bodyOf(request.body).user, bodyOf(request.body).model]),
      [
        ['codebot', 'small-model'],
        ['testbot', 'large-model'],
      ],
    );
    assert.equal(code.model, 'small-model');
    assert.equal(test.model, 'large-model');
  });

  for (const streamed of [false, true]) {
    it(`counts the tokens itself when the server sends no usage (${streamed ? 'streamed' : 'whole'})`, async () => {
      const { server, client, events } = await rig('fault-no-usage.json');
      const response = await client.chat({ role: 'codebot', messages: ask('How many tokens?'), ...(streamed ? { onText: () => undefined } : {}) });
      assert.equal(response.content, 'No usage comes with this reply.');
      // The server counts with the same tokenizer, so the estimate must agree with what it would have said.
      assert.equal(response.usage.promptTokens, server.requests[0]?.promptTokens);
      assert.ok(response.usage.completionTokens >= 6 && response.usage.completionTokens <= 10);
      assert.deepEqual(tokenEvents(events)[0]?.usage, response.usage);
    });
  }

  it('sends temperature and the token limit, under the field the endpoint wants', async () => {
    const modern = await rig('role-turns.json');
    await modern.client.chat({ role: 'codebot', messages: ask('a'), temperature: 0.2, maxTokens: 300 });
    const body = bodyOf(modern.server.requests[0]?.body);
    assert.equal(body.temperature, 0.2);
    assert.equal(body.max_completion_tokens, 300);
    assert.equal(body.max_tokens, undefined);

    const legacy = await rig('role-turns.json', { tokenLimitField: 'max_tokens' });
    await legacy.client.chat({ role: 'codebot', messages: ask('a'), maxTokens: 300 });
    assert.equal(bodyOf(legacy.server.requests[0]?.body).max_tokens, 300);
    assert.equal(bodyOf(legacy.server.requests[0]?.body).max_completion_tokens, undefined);
  });

  it('sends the key as a bearer token, and no Authorization header to a keyless local server', async () => {
    const keyed = await rig('role-turns.json', { apiKey: 'sk-test-keyed-123456' });
    await keyed.client.chat({ role: 'codebot', messages: ask('a') });
    assert.equal(keyed.server.requests[0]?.headers.authorization, 'Bearer sk-test-keyed-123456');

    const keyless = await rig('role-turns.json');
    await keyless.client.chat({ role: 'codebot', messages: ask('a') });
    assert.equal(keyless.server.requests[0]?.headers.authorization, undefined);
  });

  it('reads the key for each call, so a key set later applies at once', async () => {
    const keychain: { key?: string } = {};
    const { server, client } = await rig('role-turns.json', { apiKey: async () => keychain.key, requireApiKey: true });
    await assert.rejects(client.chat({ role: 'codebot', messages: ask('a') }), { code: 'missing-key' });
    keychain.key = 'sk-test-later-123456';
    await client.chat({ role: 'codebot', messages: ask('a') });
    assert.equal(server.requests.length, 1);
    assert.equal(server.requests[0]?.headers.authorization, 'Bearer sk-test-later-123456');
  });
});
