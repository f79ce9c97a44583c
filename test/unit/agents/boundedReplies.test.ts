// Adversarial (issue 16, point 7): a 10 MB model reply was kept whole and re-sent with every later
// request, and a reply that never ends kept a call alive for minutes. Through the real client, over
// HTTP, against the scripted model server: the reply is kept to its cap, a call with megabytes of
// arguments is not run, and a reply that trickles on forever is cut off at the call's deadline.
import * as assert from 'node:assert/strict';
import { runCodeBot } from '../../../src/agents/codeBot';
import { MAX_CALL_ARGUMENT_CHARS, MAX_REPLY_TEXT_CHARS } from '../../../src/agents/replyBounds';
import { TranscriptWindow } from '../../../src/agents/transcriptWindow';
import { ModelError } from '../../../src/core/ports';
import { OpenAiCompatibleClient } from '../../../src/llm/openAiCompatibleClient';
import type { ScenarioInput } from '../../../src/llm/scriptedServer/scenario';
import { startScriptedModelServer, type ScriptedModelServer } from '../../../src/llm/scriptedServer/scriptedModelServer';
import { ScriptedTestRunner } from './scriptedTestRunner';
import { tempWorkspace, type TempWorkspace } from './tempWorkspace';

/** 10 MB of words (the scripted server counts a reply's tokens, which takes long on one 10 MB word). */
const TEN_MB_REPLY = 'lorem ipsum dolor '.repeat(Math.ceil((10 * 1024 * 1024) / 18));

describe('model replies are bounded', function () {
  this.timeout(60_000);
  let temp: TempWorkspace;
  let server: ScriptedModelServer | undefined;

  beforeEach(async () => {
    temp = await tempWorkspace({ 'src/math.ts': 'export const add = (a: number, b: number) => a - b;\n' });
  });

  afterEach(async () => {
    await server?.close();
    server = undefined;
    await temp.remove();
  });

  const client = (url: string, timeoutMs = 20_000) => new OpenAiCompatibleClient({ baseUrl: url, models: { default: 'scripted-model' }, retry: { maxRetries: 0 }, timeoutMs });
  const task = { description: 'add(a, b) returns the sum.', acceptanceCriteria: ['add(1, 2) is 3'] };

  it('keeps a 10 MB reply to its cap, refuses a call with megabytes of arguments, and re-sends neither', async () => {
    const scenario: ScenarioInput = {
      roles: {
        codebot: [
          { content: TEN_MB_REPLY },
          { toolCalls: [{ name: 'write_file', arguments: { path: 'src/big.ts', content: 'ipsum '.repeat(MAX_CALL_ARGUMENT_CHARS / 3) } }] },
          { toolCalls: [{ name: 'edit_file', arguments: { path: 'src/math.ts', old_text: 'a - b', new_text: 'a + b' } }] },
          { toolCalls: [{ name: 'finish', arguments: { summary: 'add now adds.', changed_files: ['src/math.ts'] } }] },
        ],
      },
    };
    server = await startScriptedModelServer(scenario);
    const events: unknown[] = [];
    const result = await runCodeBot(task, { model: client(server.url), workspace: temp.workspace, tests: new ScriptedTestRunner([]), events: (event) => events.push(event) }, { workflowId: 'wf-1', taskId: 'green' });
    assert.ok(result.outcome === 'finished', result.outcome === 'finished' ? '' : result.reason);
    assert.equal(await temp.workspace.exists('src/big.ts'), false);

    const sizes = server.requests.filter((recorded) => recorded.role === 'codebot').map((recorded) => JSON.stringify(recorded.body).length);
    assert.equal(sizes.length, 4);
    // Every later request carries at most the capped reply, never the 10 MB or the 3 MB of arguments.
    for (const size of sizes.slice(1)) assert.ok(size < MAX_REPLY_TEXT_CHARS + 100_000, `a request of ${size} characters`);
    const second = JSON.stringify(server.requests.filter((recorded) => recorded.role === 'codebot')[1]?.body);
    assert.match(second, new RegExp(`${TEN_MB_REPLY.length - MAX_REPLY_TEXT_CHARS} more characters of this reply were left out`));
    const third = JSON.stringify(server.requests.filter((recorded) => recorded.role === 'codebot')[2]?.body);
    assert.match(third, /Not run: the call's arguments are \d+ characters, over the limit of 1500000 for one call/);
  });

  it('cuts off a streamed reply that keeps trickling in, at the call\'s deadline', async () => {
    // 400 words, one every 50 ms: 20 s of a reply that is always just about to end.
    server = await startScriptedModelServer({ roles: { codebot: [{ content: Array.from({ length: 400 }, (_, i) => `word${i}`).join(' '), fault: { chunkDelayMs: 50 } }] } });
    const started = Date.now();
    const deltas: string[] = [];
    await assert.rejects(
      client(server.url, 1_000).chat({ role: 'codebot', messages: [{ role: 'user', content: 'go' }], onText: (text) => deltas.push(text) }),
      (error: unknown) => error instanceof ModelError && error.code === 'timeout',
    );
    const took = Date.now() - started;
    assert.ok(took < 4_000, `took ${took} ms`);
    assert.ok(deltas.length > 0, 'the reply had started streaming');
  });

  it('sends a transcript over its budget before any tool has answered (it threw before)', () => {
    const transcript = [
      { role: 'system' as const, content: 'You are CodeBot.' },
      { role: 'user' as const, content: 'Task: add.' },
      { role: 'assistant' as const, content: 'lorem ipsum '.repeat(5_000) },
      { role: 'user' as const, content: 'Continue by calling a tool.' },
    ];
    assert.deepEqual(new TranscriptWindow(1_000).view(transcript), transcript);
  });
});
