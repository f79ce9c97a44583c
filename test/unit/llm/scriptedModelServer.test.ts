import * as assert from 'node:assert/strict';
import type { ChatMessage } from '../../../src/core/ports';
import { startScriptedModelServer, type ScriptedModelServer } from '../../../src/llm/scriptedServer/scriptedModelServer';
import { closeRigs, rig, scenarioFile } from './scriptedModelHarness';

async function post(server: ScriptedModelServer, path: string, body: string | object) {
  const response = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as { error?: { message: string; type: string } } & Record<string, unknown> };
}

describe('scripted model server', () => {
  let server: ScriptedModelServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
    await closeRigs();
  });

  it('listens on loopback, on a free port, under /v1', async () => {
    server = await startScriptedModelServer(scenarioFile('role-turns.json'));
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    assert.ok(server.port > 0);
  });

  it('lists its model', async () => {
    server = await startScriptedModelServer({ model: 'demo-model', roles: {} });
    const response = await fetch(`${server.url}/models`);
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { object: 'list', data: [{ id: 'demo-model', object: 'model', created: 0, owned_by: 'scripted' }] });
    assert.deepEqual(
      server.requests.map((request) => [request.method, request.path]),
      [['GET', '/v1/models']],
    );
  });

  it('answers a bad request with a 400 naming the problem, and an unknown route with a 404', async () => {
    server = await startScriptedModelServer(scenarioFile('role-turns.json'));
    const notJson = await post(server, '/chat/completions', '{ "model": ');
    assert.equal(notJson.status, 400);
    assert.match(notJson.body.error?.message ?? '', /not valid JSON/);

    const noMessages = await post(server, '/chat/completions', { model: 'm', messages: [] });
    assert.equal(noMessages.status, 400);
    assert.match(noMessages.body.error?.message ?? '', /^Invalid request: messages: /);

    const badRole = await post(server, '/chat/completions', { model: 'm', messages: [{ role: 'wizard', content: 'hi' }] });
    assert.match(badRole.body.error?.message ?? '', /^Invalid request: messages\.0\.role: /);

    const tokenInput = await post(server, '/embeddings', { model: 'e', input: [[1, 2, 3]] });
    assert.equal(tokenInput.status, 400);
    assert.match(tokenInput.body.error?.message ?? '', /input must be a string or a non-empty array of strings/);

    const unknown = await post(server, '/completions', { prompt: 'hi' });
    assert.equal(unknown.status, 404);
    assert.match(unknown.body.error?.message ?? '', /no POST \/v1\/completions/);
    assert.equal(server.remaining(), 3, 'no bad request used up a reply');
  });

  it('records every request: method, path, headers, body, role, prompt tokens and time', async () => {
    const before = Date.now();
    server = await startScriptedModelServer(scenarioFile('role-turns.json'));
    const body = { model: 'm', user: 'testbot', messages: [{ role: 'user', content: 'Write a test.' }] };
    const answer = await post(server, '/chat/completions', body);
    assert.equal(answer.status, 200);
    const [recorded] = server.requests;
    assert.ok(recorded);
    assert.equal(recorded.method, 'POST');
    assert.equal(recorded.path, '/v1/chat/completions');
    assert.equal(recorded.headers['content-type'], 'application/json');
    assert.deepEqual(recorded.body, body);
    assert.equal(recorded.role, 'testbot');
    assert.equal(recorded.answer, 'scripted');
    assert.ok(recorded.at >= before && recorded.at <= Date.now());
    // o200k_base: "user" (1) + "Write a test." (4), 3 for the message's framing, 3 for the reply; "The only TestBot reply." is 6.
    assert.equal(recorded.promptTokens, 11);
    assert.deepEqual((answer.body as { usage?: unknown }).usage, { prompt_tokens: 11, completion_tokens: 6, total_tokens: 17 });
  });

  it('chooses replies by matching the last message, then from "*", then the fallback', async () => {
    const { server: matching, client } = await rig('matching.json');
    const say = (content: string): ChatMessage[] => [{ role: 'user', content }];
    const toolResult = (content: string): ChatMessage[] => [
      { role: 'user', content: 'Run the tests.' },
      { role: 'assistant', content: null, toolCalls: [{ id: 'call_1', name: 'run_tests', arguments: '{}' }] },
      { role: 'tool', toolCallId: 'call_1', content },
    ];

    assert.equal((await client.chat({ role: 'testbot', messages: say('Write tests for add().') })).content, 'Writing the tests.');
    assert.equal((await client.chat({ role: 'testbot', messages: toolResult('2 passing, 1 FAIL') })).content, 'The new tests fail: red.');
    assert.equal((await client.chat({ role: 'testbot', messages: toolResult('3 passing') })).content, 'The tests pass: green.');
    assert.equal((await client.chat({ role: 'cto', messages: say('Please review this diff.') })).content, '{"decision":"approve","summary":"Looks right."}');
    assert.equal((await client.chat({ role: 'testbot', messages: say('Now review it.') })).content, '{"decision":"approve","summary":"Looks right."}');
    assert.equal((await client.chat({ role: 'cso', messages: say('Please review this diff.') })).content, 'I have nothing more to add.');
    assert.equal((await client.chat({ role: 'codebot', messages: say('Anything else?') })).content, 'I have nothing more to add.');

    assert.equal(matching.remaining(), 0);
    assert.deepEqual(
      matching.requests.map((request) => request.answer),
      ['scripted', 'scripted', 'scripted', 'scripted', 'scripted', 'fallback', 'fallback'],
    );
  });

  it('counts what is left per role and in all', async () => {
    server = await startScriptedModelServer(scenarioFile('role-turns.json'));
    assert.equal(server.remaining(), 3);
    assert.equal(server.remaining('codebot'), 2);
    assert.equal(server.remaining('testbot'), 1);
    assert.equal(server.remaining('cto'), 0);
    await post(server, '/chat/completions', { model: 'm', user: 'codebot', messages: [{ role: 'user', content: 'x' }] });
    assert.equal(server.remaining('codebot'), 1);
  });

  it('answers a request without a role from "*" only', async () => {
    server = await startScriptedModelServer({ roles: { codebot: [{ content: 'for codebot' }], '*': [{ content: 'for anyone' }] } });
    const anyone = await post(server, '/chat/completions', { model: 'm', messages: [{ role: 'user', content: 'x' }] });
    assert.equal((anyone.body as { choices: Array<{ message: { content: string } }> }).choices[0]?.message.content, 'for anyone');
    const nobody = await post(server, '/chat/completions', { model: 'm', messages: [{ role: 'user', content: 'x' }] });
    assert.equal(nobody.status, 400);
    assert.equal(nobody.body.error?.type, 'scenario_exhausted');
    assert.match(nobody.body.error?.message ?? '', /role "\(no role\)".*Add a reply under roles\.\*/);
  });

  it('streams server-sent events that end with [DONE], with usage only when asked', async () => {
    server = await startScriptedModelServer({ roles: { codebot: [{ content: 'Hi there.' }, { content: 'Again.' }] } });
    const stream = async (includeUsage: boolean) => {
      const response = await fetch(`${server?.url}/chat/completions`, {
        method: 'POST',
        body: JSON.stringify({ model: 'm', user: 'codebot', stream: true, ...(includeUsage ? { stream_options: { include_usage: true } } : {}), messages: [{ role: 'user', content: 'x' }] }),
      });
      assert.equal(response.headers.get('content-type'), 'text/event-stream');
      return (await response.text()).split('\n\n').filter((event) => event !== '');
    };
    const withUsage = await stream(true);
    assert.equal(withUsage.at(-1), 'data: [DONE]');
    const chunks = withUsage.slice(0, -1).map((event) => JSON.parse(event.replace(/^data: /, '')) as { choices: Array<{ delta: { content?: string }; finish_reason: string | null }>; usage?: { prompt_tokens: number } });
    assert.equal(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join(''), 'Hi there.');
    assert.equal(chunks.at(-2)?.choices[0]?.finish_reason, 'stop');
    assert.deepEqual(chunks.at(-1)?.choices, []);
    assert.ok((chunks.at(-1)?.usage?.prompt_tokens ?? 0) > 0);

    const withoutUsage = await stream(false);
    assert.ok(withoutUsage.every((event) => !event.includes('"usage"')));
  });

  it('serves embeddings as floats or base64, of the size asked for', async () => {
    server = await startScriptedModelServer(scenarioFile('embeddings.json'));
    const floats = await post(server, '/embeddings', { model: 'e', input: 'red green refactor' });
    const base64 = await post(server, '/embeddings', { model: 'e', input: ['red green refactor'], encoding_format: 'base64' });
    const vector = (floats.body as { data: Array<{ embedding: number[] }> }).data[0]?.embedding ?? [];
    assert.equal(vector.length, 64);
    const encoded = (base64.body as { data: Array<{ embedding: string }> }).data[0]?.embedding ?? '';
    const decoded = Array.from(new Float32Array(new Uint8Array(Buffer.from(encoded, 'base64')).buffer));
    assert.deepEqual(decoded, vector.map((value) => Math.fround(value)));

    const sized = await post(server, '/embeddings', { model: 'e', input: 'x', dimensions: 16 });
    assert.equal((sized.body as { data: Array<{ embedding: number[] }> }).data[0]?.embedding.length, 16);
    const empty = await post(server, '/embeddings', { model: 'e', input: '  ' });
    assert.ok((empty.body as { data: Array<{ embedding: number[] }> }).data[0]?.embedding.every((value) => value === 0));
  });

  it('drops open streams when it closes, and may be closed twice', async () => {
    server = await startScriptedModelServer({ roles: { codebot: [{ content: 'one two three', fault: { chunkDelayMs: 5_000 } }] } });
    const response = await fetch(`${server.url}/chat/completions`, {
      method: 'POST',
      body: JSON.stringify({ model: 'm', user: 'codebot', stream: true, messages: [{ role: 'user', content: 'x' }] }),
    });
    const reading = response.text();
    const started = Date.now();
    await server.close();
    await assert.rejects(reading);
    assert.ok(Date.now() - started < 1_000);
    await server.close();
  });
});
