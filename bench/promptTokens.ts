// Prompt tokens per request: the demo (the feature workflow on examples/bookshelf, answered by the
// scripted model server, counted with its o200k tokenizer) and a 40-step CodeBot run whose every
// step reads 20 lines, to show per-request tokens staying flat once the transcript reaches its budget.
// Run: node --import tsx bench/promptTokens.ts [--dump <file>]
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

async function demo(dump: string | undefined) {
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
  console.log(`| added per step, requests 30 to 40 | ${((at(40) - at(30)) / 10).toFixed(0)} |`);
}

async function main() {
  const dumpAt = process.argv.indexOf('--dump');
  await demo(dumpAt > 0 ? process.argv[dumpAt + 1] : undefined);
  await longRun();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
