// Prompt tokens per request: the demo (the feature workflow on examples/bookshelf, answered by the
// scripted model server, counted with its o200k tokenizer) and a 40-step CodeBot run whose every
// step reads 20 lines, to show per-request tokens staying flat once the transcript reaches its budget.
// Run: node --import tsx bench/promptTokens.ts [--dump <file>] [--breakdown]
// (--breakdown: each demo request's tokens by part: system prompt, tool specs, task, transcript)
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCodeBot } from '../src/agents/codeBot';
import { demoCommand } from '../src/cli/demoCommand';
import type { JournalEntry } from '../src/core/journal/journalEntry';
import { WriteJournal } from '../src/core/journal/writeJournal';
import type { AppendLog, TestRunner } from '../src/core/ports';
import { NodeWorkspace } from '../src/infra/nodeWorkspace';
import { OpenAiCompatibleClient } from '../src/llm/openAiCompatibleClient';
import { encode } from 'gpt-tokenizer/encoding/o200k_base';
import { countTextTokens } from '../src/llm/tokenCount';
import { readScenarioFile } from '../src/llm/scriptedServer/scenario';
import { startScriptedModelServer } from '../src/llm/scriptedServer/scriptedModelServer';

const STEPS = 40;

class MemoryLog<T> implements AppendLog<T> {
  private readonly entries: T[] = [];
  async append(entry: T) {
    this.entries.push(entry);
  }
  async readAll() {
    return [...this.entries];
  }
}

const noTests: TestRunner = {
  detect: async () => [],
  discover: async () => [],
  run: async () => {
    throw new Error('the benchmark runs no tests');
  },
};

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

async function demo(dump: string | undefined, breakdown: boolean) {
  const scenario = await readScenarioFile(join('examples', 'scenarios', 'bookshelf-citation.json'));
  const server = await startScriptedModelServer(scenario);
  process.env.IMPERIUM_EMBEDDING_MODEL = 'scripted-embedding';
  const output: string[] = [];
  const io = { cwd: process.cwd(), stdout: (text: string) => output.push(text), stderr: (text: string) => output.push(text) };
  const code = await demoCommand.run(['--base-url', server.url, '--model', scenario.model], io as never);
  await server.close();
  if (code !== 0) throw new Error(`the demo exited with ${code}:\n${output.join('')}`);
  const chats = server.requests.filter((request) => request.path.endsWith('/chat/completions'));
  if (dump) await writeFile(dump, JSON.stringify(chats.map((request) => ({ role: request.role, promptTokens: request.promptTokens, body: request.body })), null, 1));
  const tokens = chats.map((request) => request.promptTokens ?? 0);
  const agents = chats.filter((request) => request.role === 'codebot' || request.role === 'testbot').map((request) => request.promptTokens ?? 0);
  console.log('| the demo | value |');
  console.log('| --- | ---: |');
  console.log(`| model requests | ${tokens.length} |`);
  console.log(`| prompt tokens per request, median | ${median(tokens)} |`);
  console.log(`| prompt tokens, all requests | ${tokens.reduce((a, b) => a + b, 0)} |`);
  console.log(`| CodeBot and TestBot requests: median / largest | ${median(agents)} / ${Math.max(...agents)} |`);
  console.log(`| per request, in order | ${chats.map((request) => `${request.role} ${request.promptTokens}`).join(', ')} |`);
  const cache = cacheablePrefixes(chats.map((request) => request.body));
  console.log(`| prompt tokens an earlier request's prefix covers (a prompt cache could reuse them) | ${cache.covered} (${percent(cache.covered, cache.all)}) |`);
  console.log(`| of them in prefixes of 1,024 tokens or more, in steps of 128 (OpenAI's caching rule) | ${cache.openAi} (${percent(cache.openAi, cache.all)}) |`);
  if (breakdown) await printBreakdown(chats);
}

const percent = (part: number, whole: number) => `${((100 * part) / whole).toFixed(0)}%`;

/**
 * How much of each request repeats the start of an earlier one, token for token, in the order
 * providers' prompt caches read a request (Anthropic's documented order: tools, system, messages).
 */
function cacheablePrefixes(bodies: readonly unknown[]): { readonly all: number; readonly covered: number; readonly openAi: number } {
  const seen: number[][] = [];
  let all = 0;
  let covered = 0;
  let openAi = 0;
  for (const body of bodies) {
    const { tools, messages } = body as { tools?: unknown[]; messages: SentMessage[] };
    const text = JSON.stringify(tools ?? []) + messages.map((message) => `<|${message.role}|>${message.content ?? ''}${message.tool_calls ? JSON.stringify(message.tool_calls) : ''}`).join('');
    const tokens = encode(text);
    const longest = Math.max(0, ...seen.map((earlier) => commonPrefix(earlier, tokens)));
    all += tokens.length;
    covered += longest;
    openAi += longest >= 1024 ? Math.floor(longest / 128) * 128 : 0;
    seen.push(tokens);
  }
  return { all, covered, openAi };
}

function commonPrefix(a: readonly number[], b: readonly number[]): number {
  let index = 0;
  while (index < a.length && index < b.length && a[index] === b[index]) index++;
  return index;
}

interface SentMessage {
  readonly role: string;
  readonly content?: string | null;
  readonly tool_calls?: readonly unknown[];
}

/** The task's memory section (what the workflow has established, a heading and its `## ` sections) and the rest. */
function splitMemory(task: string): { readonly memory: string; readonly rest: string } {
  const paragraphs = task.split('\n\n');
  const start = paragraphs.findIndex((paragraph) => paragraph.startsWith('What this workflow has established'));
  if (start < 0) return { memory: '', rest: task };
  let end = start + 1;
  while (end < paragraphs.length && paragraphs[end].startsWith('## ')) end++;
  return { memory: paragraphs.slice(start, end).join('\n\n'), rest: [...paragraphs.slice(0, start), ...paragraphs.slice(end)].join('\n\n') };
}

/** Where each request's tokens go (tokenizer counts of each part's text, without the per-message framing). */
async function printBreakdown(chats: readonly { readonly role?: string; readonly promptTokens?: number; readonly body: unknown }[]) {
  console.log('\n| request | role | all | system | tools | task | memory (in the task) | transcript |');
  console.log('| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const [index, chat] of chats.entries()) {
    const body = chat.body as { messages: SentMessage[]; tools?: unknown[] };
    const [system, task, ...rest] = body.messages;
    let transcript = 0;
    for (const message of rest) transcript += (await countTextTokens(message.content ?? '')) + (message.tool_calls ? await countTextTokens(JSON.stringify(message.tool_calls)) : 0);
    const tools = body.tools ? await countTextTokens(JSON.stringify(body.tools)) : 0;
    const { memory, rest: taskProper } = splitMemory(task?.content ?? '');
    const counts = [system.content ?? '', taskProper, memory].map((text) => countTextTokens(text));
    const [systemTokens, taskTokens, memoryTokens] = await Promise.all(counts);
    console.log(`| ${index + 1} | ${chat.role} | ${chat.promptTokens} | ${systemTokens} | ${tools} | ${taskTokens} | ${memoryTokens} | ${transcript} |`);
  }
}

async function longRun() {
  const root = await mkdtemp(join(tmpdir(), 'imperium-bench-tokens-'));
  await mkdir(join(root, 'src'));
  await writeFile(join(root, 'src', 'shelf.js'), Array.from({ length: 60 }, (_, i) => `export const value${i} = ${i};`).join('\n'));
  const read = { toolCalls: [{ name: 'read_file', arguments: { path: 'src/shelf.js', start_line: 1, end_line: 20 } }] };
  const finish = { toolCalls: [{ name: 'finish', arguments: { summary: 'Read the file.', changed_files: [] } }] };
  const server = await startScriptedModelServer({ roles: { codebot: [{ ...read, times: STEPS - 1 }, finish] } });
  const model = new OpenAiCompatibleClient({ baseUrl: server.url, models: { default: 'scripted-model' }, retry: { maxRetries: 0 } });
  const workspace = await NodeWorkspace.open(root, { journal: new WriteJournal(new MemoryLog<JournalEntry>()) });
  const result = await runCodeBot({ description: 'Read src/shelf.js.' }, { model, workspace, tests: noTests, events: () => undefined }, { workflowId: 'bench', maxSteps: STEPS + 1 });
  await server.close();
  await rm(root, { recursive: true, force: true });
  if (result.outcome !== 'finished' || result.steps !== STEPS) throw new Error(`the agent did not run ${STEPS} steps: ${result.outcome}, ${result.steps}`);
  const tokens = server.requests.map((request) => request.promptTokens ?? 0);
  const at = (step: number) => tokens[step - 1];
  console.log(`\n| a ${STEPS}-step CodeBot run (one read_file of 20 lines a step) | value |`);
  console.log('| --- | ---: |');
  console.log(`| prompt tokens, request 1 / 10 / 20 / 30 / 40 | ${[1, 10, 20, 30, 40].map(at).join(' / ')} |`);
  console.log(`| largest request | ${Math.max(...tokens)} |`);
  console.log(`| prompt tokens, the whole run | ${tokens.reduce((a, b) => a + b, 0)} |`);
  // Past the budget a request grows by one step until the window elides old results in a stride, so
  // requests rise and fall between two levels; flat means those levels do not rise as the run goes on.
  const largest = (from: number, to: number) => Math.max(...tokens.slice(from - 1, to));
  const smallest = (from: number, to: number) => Math.min(...tokens.slice(from - 1, to));
  console.log(`| requests 21 to 30: smallest / largest | ${smallest(21, 30)} / ${largest(21, 30)} |`);
  console.log(`| requests 31 to 40: smallest / largest | ${smallest(31, 40)} / ${largest(31, 40)} |`);
  console.log(`| largest request, 31 to 40 against 21 to 30 | ${largest(31, 40) - largest(21, 30) >= 0 ? '+' : ''}${largest(31, 40) - largest(21, 30)} |`);
}

async function main() {
  const dumpAt = process.argv.indexOf('--dump');
  await demo(dumpAt > 0 ? process.argv[dumpAt + 1] : undefined, process.argv.includes('--breakdown'));
  await longRun();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
