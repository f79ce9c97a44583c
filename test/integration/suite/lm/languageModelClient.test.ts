import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { z } from 'zod';
import { parseToolArguments } from '../../../../src/agents/tools/toolArguments';
import { type ChatMessage, ModelError, type ToolSpec } from '../../../../src/core/ports';
import { LanguageModelClient } from '../../../../src/host/llm/languageModelClient';
import type { ScriptedModelServer } from '../../../../src/llm/scriptedServer/scriptedModelServer';
import type { EngineEventInput } from '../../../../src/shared/events';
import { scriptedModelFor, serveScenario, stopServing } from './scriptedProvider';

// LanguageModelClient against a model another extension offers (the fixture standing in for
// Copilot), which forwards each request to a scripted model server.

const READ_FILE: ToolSpec = {
  name: 'read_file',
  description: 'Reads a file of the workspace.',
  parameters: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] },
};
const TASK: ChatMessage[] = [
  { role: 'system', content: 'You are CodeBot.' },
  { role: 'user', content: 'Read src/shelf.js.' },
];
const LABEL = `imperium-scripted/${scriptedModelFor('codebot')}`;

const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

interface WireMessage {
  readonly role: string;
  readonly content?: unknown;
  readonly tool_call_id?: string;
  readonly tool_calls?: readonly { readonly id: string; readonly function: { readonly name: string; readonly arguments: string } }[];
}

function sentBody(server: ScriptedModelServer, index: number): { user?: string; messages: WireMessage[]; tools?: unknown[] } {
  return server.requests.filter((request) => request.path === '/v1/chat/completions')[index].body as never;
}

async function rejection(promise: Promise<unknown>): Promise<ModelError> {
  const error = await promise.then(
    () => assert.fail('the call should have failed'),
    (failure: unknown) => failure,
  );
  assert.ok(error instanceof ModelError, `a ModelError, not ${String(error)}`);
  return error;
}

describe('LanguageModelClient on a vscode.lm model', function () {
  let server: ScriptedModelServer | undefined;
  let events: EngineEventInput[];
  let logged: string[];

  function client(model: (role: string) => string | undefined = scriptedModelFor): LanguageModelClient {
    return new LanguageModelClient({
      modelFor: model,
      events: (event) => events.push(event),
      logger: { debug: (line) => logged.push(line), info: (line) => logged.push(line), warn: (line) => logged.push(line), error: (line) => logged.push(line) },
    });
  }

  beforeEach(() => {
    events = [];
    logged = [];
  });

  afterEach(async () => {
    if (server) await stopServing(server);
    server = undefined;
  });

  it('gets a tool call back with its arguments, then the answer once the result is in', async () => {
    server = await serveScenario({
      roles: {
        codebot: [
          { content: 'Reading it.', toolCalls: [{ id: 'call_read', name: 'read_file', arguments: { path: 'src/shelf.js' } }] },
          { when: { afterToolResult: true, lastMessageContains: 'class Shelf' }, content: 'Shelf keeps books.' },
        ],
      },
    });
    const first = await client().chat({ role: 'codebot', messages: TASK, tools: [READ_FILE] });
    assert.deepEqual(first.toolCalls, [{ id: 'call_read', name: 'read_file', arguments: '{"path":"src/shelf.js"}' }]);
    assert.equal(first.content, 'Reading it.');
    assert.equal(first.finishReason, 'tool_calls');
    assert.equal(first.model, LABEL);

    const sent = sentBody(server, 0);
    assert.equal(sent.user, 'codebot', 'the role reached the script through the model chosen for it');
    assert.deepEqual(
      sent.messages.map((message) => [message.role, message.content]),
      [
        ['user', 'You are CodeBot.'],
        ['user', 'Read src/shelf.js.'],
      ],
      'the system prompt goes first, as a user message (vscode.lm has no system role)',
    );
    assert.deepEqual(sent.tools, [{ type: 'function', function: { name: 'read_file', description: READ_FILE.description, parameters: READ_FILE.parameters } }]);

    const second = await client().chat({
      role: 'codebot',
      messages: [
        ...TASK,
        { role: 'assistant', content: first.content, toolCalls: first.toolCalls },
        { role: 'tool', toolCallId: 'call_read', content: 'class Shelf {}' },
      ],
      tools: [READ_FILE],
    });
    assert.equal(second.content, 'Shelf keeps books.');
    assert.deepEqual(second.toolCalls, []);
    assert.equal(second.finishReason, 'stop');
    const replay = sentBody(server, 1).messages.slice(2);
    assert.equal(replay[0].role, 'assistant');
    assert.deepEqual(replay[0].tool_calls?.map((call) => [call.id, call.function.name, JSON.parse(call.function.arguments)]), [['call_read', 'read_file', { path: 'src/shelf.js' }]]);
    assert.deepEqual(replay[1], { role: 'tool', tool_call_id: 'call_read', content: 'class Shelf {}' });
  });

  it('streams the text through onText as it arrives', async () => {
    const text = 'Streamed replies arrive word by word, not all at once.';
    server = await serveScenario({ roles: { codebot: [{ content: text, fault: { chunkDelayMs: 5 } }] } });
    const deltas: string[] = [];
    const response = await client().chat({ role: 'codebot', messages: TASK, onText: (delta) => deltas.push(delta) });
    assert.ok(deltas.length > 1, `several deltas, not ${deltas.length}`);
    assert.equal(deltas.join(''), text);
    assert.equal(response.content, text);
  });

  it("counts token usage with the model's own countTokens and reports it as a tokens event", async () => {
    const text = 'Five words in this reply.';
    server = await serveScenario({ roles: { codebot: [{ content: text }] } });
    const response = await client().chat({ role: 'codebot', messages: TASK, tools: [READ_FILE], workflowId: 'wf-1', taskId: 'task-1' });
    // The fixture counts a token per word: each message, plus the tools as JSON text.
    const promptTokens = words('You are CodeBot.') + words('Read src/shelf.js.') + words(JSON.stringify([{ name: READ_FILE.name, description: READ_FILE.description, inputSchema: READ_FILE.parameters }]));
    assert.deepEqual(response.usage, { promptTokens, completionTokens: 5, totalTokens: promptTokens + 5 });
    assert.deepEqual(events, [{ type: 'tokens', agent: 'codebot', model: LABEL, usage: response.usage, workflowId: 'wf-1', taskId: 'task-1' }]);
    assert.ok(logged.some((line) => line.includes(LABEL) && line.includes('counted')), logged.join('\n'));
  });

  it('hands malformed tool arguments on as the text the model sent, for the agent loop to report', async () => {
    const raw = '{"path": "src/shelf.js", "content": ';
    server = await serveScenario({
      roles: {
        codebot: [{ toolCalls: [{ id: 'call_bad', name: 'read_file', rawArguments: raw }] }, { when: { afterToolResult: true }, content: 'Trying again.' }],
      },
    });
    const first = await client().chat({ role: 'codebot', messages: TASK, tools: [READ_FILE] });
    assert.deepEqual(first.toolCalls, [{ id: 'call_bad', name: 'read_file', arguments: raw }]);
    const parsed = parseToolArguments('read_file', first.toolCalls[0].arguments, z.object({ path: z.string() }));
    assert.ok(!parsed.ok);
    assert.match(parsed.message, /^The arguments of read_file are not valid JSON/);

    // The malformed call stays in the transcript; the next request still goes through.
    const second = await client().chat({
      role: 'codebot',
      messages: [...TASK, { role: 'assistant', content: null, toolCalls: first.toolCalls }, { role: 'tool', toolCallId: 'call_bad', content: parsed.message }],
      tools: [READ_FILE],
    });
    assert.equal(second.content, 'Trying again.');
    assert.equal(sentBody(server, 1).messages[2].tool_calls?.[0].function.arguments, '{}');
  });

  it("maps the provider's Blocked error (a rate limit) to rate-limited, with what the provider said", async () => {
    server = await serveScenario({ roles: { codebot: [{ fault: { status: 429, message: 'Quota used up for today.' } }] } });
    const error = await rejection(client().chat({ role: 'codebot', messages: TASK }));
    assert.equal(error.code, 'rate-limited');
    assert.match(error.message, new RegExp(`^The language model ${LABEL} refuses requests for now`));
    assert.match(error.message, /Quota used up for today/);
  });

  it("maps the provider's NoPermissions error to auth, telling the user to allow access", async () => {
    server = await serveScenario({ roles: { codebot: [{ fault: { status: 403, message: 'Not signed in.' } }] } });
    const error = await rejection(client().chat({ role: 'codebot', messages: TASK }));
    assert.equal(error.code, 'auth');
    assert.match(error.message, /Not signed in/);
    assert.match(error.message, /Allow it when VS Code asks/);
  });

  it('names the model asked for and the models offered when there is no such model', async () => {
    const error = await rejection(client(() => 'gpt-nowhere').chat({ role: 'cto', messages: TASK }));
    assert.equal(error.code, 'bad-request');
    assert.match(error.message, /"gpt-nowhere" \(asked for cto\)/);
    assert.match(error.message, /imperium-scripted\/scripted-cto \(family scripted\)/);
  });

  it('takes the first model offered when none is named, and "vendor/id" names one exactly', async () => {
    server = await serveScenario({ roles: { '*': [{ content: 'Anyone.', times: 2 }] } });
    const [offeredFirst] = await vscode.lm.selectChatModels();
    const first = await client(() => undefined).chat({ role: 'cso', messages: TASK });
    assert.equal(first.model, `${offeredFirst.vendor}/${offeredFirst.id}`);
    const named = await client(() => `imperium-scripted/${scriptedModelFor('testbot')}`).chat({ role: 'cso', messages: TASK });
    assert.equal(named.model, `imperium-scripted/${scriptedModelFor('testbot')}`);
    assert.equal(sentBody(server, 1).user, 'testbot');
  });

  it('stops a request when its signal aborts, and says it was canceled', async () => {
    server = await serveScenario({ roles: { codebot: [{ content: 'Too late.', fault: { delayMs: 20_000 } }] } });
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 200);
    const error = await rejection(client().chat({ role: 'codebot', messages: TASK, signal: controller.signal }));
    assert.equal(error.code, 'canceled');
    assert.ok(Date.now() - started < 10_000, `canceled at once, not after ${Date.now() - started} ms`);
  });
});
