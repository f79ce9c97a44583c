// Engine overhead per agent step, and prompt tokens per request. CodeBot runs against the scripted
// model server answering at once (zero model latency), each step one read_file on a real temp
// workspace; what a step costs is then the engine's own work: the HTTP round trip through the real
// openai client, tool-argument validation, the path policy, the file read, events, the transcript.
// Run: node --import tsx bench/agentStep.ts
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { runCodeBot } from '../src/agents/codeBot';
import type { JournalEntry } from '../src/core/journal/journalEntry';
import { WriteJournal } from '../src/core/journal/writeJournal';
import type { AppendLog, TestRunner } from '../src/core/ports';
import { NodeWorkspace } from '../src/infra/nodeWorkspace';
import { OpenAiCompatibleClient } from '../src/llm/openAiCompatibleClient';
import { startScriptedModelServer } from '../src/llm/scriptedServer/scriptedModelServer';

const STEPS = 40;
const RUNS = 7;

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

async function main() {
  const root = await mkdtemp(join(tmpdir(), 'imperium-bench-agent-'));
  await mkdir(join(root, 'src'));
  await writeFile(join(root, 'src', 'shelf.js'), Array.from({ length: 60 }, (_, i) => `export const value${i} = ${i};`).join('\n'));
  const read = { toolCalls: [{ name: 'read_file', arguments: { path: 'src/shelf.js', start_line: 1, end_line: 20 } }] };
  const finish = { toolCalls: [{ name: 'finish', arguments: { summary: 'Read the file.', changed_files: [] } }] };
  const perStep: number[] = [];
  let promptTokens: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const server = await startScriptedModelServer({ roles: { codebot: [{ ...read, times: STEPS - 1 }, finish] } });
    const model = new OpenAiCompatibleClient({ baseUrl: server.url, models: { default: 'scripted-model' }, retry: { maxRetries: 0 } });
    const workspace = await NodeWorkspace.open(root, { journal: new WriteJournal(new MemoryLog<JournalEntry>()) });
    const started = performance.now();
    const result = await runCodeBot(
      { description: 'Read src/shelf.js.' },
      { model, workspace, tests: noTests, events: () => undefined },
      { workflowId: 'bench', maxSteps: STEPS + 1 },
    );
    const elapsed = performance.now() - started;
    if (result.outcome !== 'finished' || result.steps !== STEPS) throw new Error(`the agent did not run ${STEPS} steps: ${result.outcome}, ${result.steps}`);
    // The first run warms the tokenizer and the JIT; it is not counted.
    if (run > 0) perStep.push(elapsed / STEPS);
    promptTokens = server.requests.map((request) => request.promptTokens ?? 0);
    await server.close();
  }
  await rm(root, { recursive: true, force: true });
  console.log(`| measure | value |`);
  console.log(`| --- | ---: |`);
  console.log(`| engine time per agent step, median of ${RUNS - 1} runs of ${STEPS} steps (zero-latency model) | ${median(perStep).toFixed(2)} ms |`);
  console.log(`| fastest / slowest run, per step | ${Math.min(...perStep).toFixed(2)} / ${Math.max(...perStep).toFixed(2)} ms |`);
  console.log(`| prompt tokens, first request (system prompt, task, tool definitions) | ${promptTokens[0]} |`);
  console.log(`| prompt tokens per request, median over the run | ${median(promptTokens)} |`);
  console.log(`| prompt tokens, request ${STEPS} (whole transcript, ${STEPS - 1} tool results of 20 lines) | ${promptTokens.at(-1)} |`);
  console.log(`| prompt tokens added per step (one read_file call and its result) | ${((promptTokens.at(-1)! - promptTokens[0]) / (STEPS - 1)).toFixed(0)} |`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
