// What skills add to an agent's prompt. CodeBot's first request to the scripted model server (the
// server counts its prompt tokens with the o200k tokenizer), without skills and with the skill index
// (names and descriptions only, ranked and within the budget) and the use_skill tool, over the
// built-ins alone and over the built-ins plus 19 published community skills copied unchanged from
// npm packages into .claude/skills; against what loading every skill's body up front would cost.
// The Product Owner's first request likewise (it sees the index and use_skill before its plan).
// Also the registry's load time for those folders. Run: node --import tsx bench/skills.ts
import { cp, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { runCodeBot } from '../src/agents/codeBot';
import { WriteJournal } from '../src/core/journal/writeJournal';
import type { AppendLog, TestRunner } from '../src/core/ports';
import { NodeWorkspace } from '../src/infra/nodeWorkspace';
import { nodeSkillFileSystem } from '../src/infra/skills/nodeSkillFileSystem';
import { OpenAiCompatibleClient } from '../src/llm/openAiCompatibleClient';
import { startScriptedModelServer } from '../src/llm/scriptedServer/scriptedModelServer';
import { BUILTIN_CODE_SKILLS } from '../src/superpowers/builtinSuperpowers';
import { discoverSkills } from '../src/superpowers/registry/skillDiscovery';
import type { Skill } from '../src/superpowers/registry/skill';
import { WorkflowSkills } from '../src/superpowers/registry/workflowSkills';
import { askProductOwner } from '../src/workflows/feature/planSkills';
import { productOwnerPrompt } from '../src/workflows/feature/planSteps';
import { TaskAgents } from '../src/agents/dispatch/taskAgents';

const REPO = join(__dirname, '..');
const COMMUNITY = [
  join(REPO, 'node_modules/@wednesday-solutions-eng/ai-agent-skills/skills'),
  join(REPO, 'node_modules/cc-sdd/templates/agents/claude-code-skills/skills'),
];
const TASK = { description: 'Add Shelf#size(): the number of books on the shelf.', acceptanceCriteria: ['a new shelf has size 0', 'size counts the books added'] };

class MemoryLog<T> implements AppendLog<T> {
  private readonly entries: T[] = [];
  async append(entry: T) {
    this.entries.push(entry);
  }
  async readAll() {
    return [...this.entries];
  }
}

const noTests: TestRunner = { detect: async () => [], discover: async () => [], run: async () => Promise.reject(new Error('no tests in the benchmark')) };

async function firstRequestTokens(root: string, skills: readonly Skill[] | undefined): Promise<{ prompt: number; index: number; listed: number }> {
  const server = await startScriptedModelServer({ roles: { codebot: [{ toolCalls: [{ name: 'finish', arguments: { summary: 'Nothing.', changed_files: [] } }] }] } });
  try {
    const model = new OpenAiCompatibleClient({ baseUrl: server.url, models: { default: 'scripted-model' }, retry: { maxRetries: 0 } });
    const workspace = await NodeWorkspace.open(root, { journal: new WriteJournal(new MemoryLog()) });
    const workflowSkills = skills && new WorkflowSkills(skills, nodeSkillFileSystem, () => undefined, countTokens);
    const forAgent = workflowSkills?.forAgent('green', TASK.description);
    await runCodeBot(
      { ...TASK, ...(forAgent && { context: forAgent.index.text }) },
      { model, workspace, tests: noTests, events: () => undefined, ...(forAgent && { equipTools: forAgent.equip }) },
      { workflowId: 'wf-bench', taskId: 'green' },
    );
    return { prompt: server.requests[0]?.promptTokens ?? 0, index: forAgent?.index.tokens ?? 0, listed: forAgent?.index.listed.length ?? 0 };
  } finally {
    await server.close();
  }
}

async function productOwnerTokens(root: string, skills: readonly Skill[] | undefined): Promise<number> {
  const server = await startScriptedModelServer({ roles: { 'product-owner': [{ content: '{"criteria":["a new shelf has size 0"],"tasks":[]}' }] } });
  try {
    const model = new OpenAiCompatibleClient({ baseUrl: server.url, models: { default: 'scripted-model' }, retry: { maxRetries: 0 } });
    const workspace = await NodeWorkspace.open(root, { journal: new WriteJournal(new MemoryLog()) });
    const forAgent = skills && new WorkflowSkills(skills, nodeSkillFileSystem, () => undefined, countTokens).forAgent('plan', TASK.description);
    await askProductOwner({
      model,
      messages: [
        { role: 'system', content: productOwnerPrompt(new TaskAgents()) },
        { role: 'user', content: [`Request: ${TASK.description}`, forAgent?.index.text].filter(Boolean).join('\n\n') },
      ],
      tools: forAgent?.equip([]) ?? [],
      context: { workspace, origin: { workflowId: 'wf-bench', taskId: 'plan', agent: 'product-owner' } },
      events: () => undefined,
    });
    return server.requests[0]?.promptTokens ?? 0;
  } finally {
    await server.close();
  }
}

async function main() {
  const root = await mkdtemp(join(tmpdir(), 'imperium-bench-skills-'));
  try {
    await mkdir(join(root, '.claude/skills'), { recursive: true });
    for (const folder of COMMUNITY) {
      for (const name of await readdir(folder)) await cp(join(folder, name), join(root, '.claude/skills', name), { recursive: true });
    }
    const times: number[] = [];
    let all: Skill[] = [];
    for (let run = 0; run < 5; run++) {
      const started = performance.now();
      all = [...(await discoverSkills({ files: nodeSkillFileSystem, packageRoot: REPO, builtinCode: BUILTIN_CODE_SKILLS, workspaceRoot: root, trusted: true })).skills];
      times.push(performance.now() - started);
    }
    const builtins = all.filter((skill) => skill.source.kind === 'builtin');
    const offered = all.filter((skill) => skill.modelInvocable);
    const none = await firstRequestTokens(root, undefined);
    const onlyBuiltins = await firstRequestTokens(root, builtins);
    const everything = await firstRequestTokens(root, all);
    const bodies = (skills: readonly Skill[]) => skills.reduce((sum, skill) => sum + countTokens(skill.body), 0);
    const tdd = builtins.find((skill) => skill.name === 'tdd');
    const row = (label: string, value: string) => console.log(`| ${label} | ${value} |`);
    console.log('| measure | value |\n| --- | ---: |');
    row(`skills loaded (built-in ${builtins.length}, community ${all.length - builtins.length}; offered to agents ${offered.length})`, String(all.length));
    row('registry load of those folders, median of 5 (ms)', (times.sort((a, b) => a - b)[2] ?? 0).toFixed(1));
    row('CodeBot first request, no skills (prompt tokens)', String(none.prompt));
    row(`with the built-ins: index of ${onlyBuiltins.listed} skills + use_skill tool (prompt tokens, added)`, `${onlyBuiltins.prompt} (+${onlyBuiltins.prompt - none.prompt}; index ${onlyBuiltins.index})`);
    row(`with ${offered.length} offered: index of ${everything.listed} within the 600-token budget + use_skill (prompt tokens, added)`, `${everything.prompt} (+${everything.prompt - none.prompt}; index ${everything.index})`);
    row(`every offered skill's body up front instead (tokens)`, String(bodies(offered)));
    row('one use_skill of tdd (its body, tokens)', String(tdd ? countTokens(tdd.body) : 0));
    const owner = { none: await productOwnerTokens(root, undefined), builtins: await productOwnerTokens(root, builtins), all: await productOwnerTokens(root, all) };
    row('Product Owner first request, no skills (prompt tokens)', String(owner.none));
    row('with the built-ins (prompt tokens, added)', `${owner.builtins} (+${owner.builtins - owner.none})`);
    row(`with ${offered.length} offered (prompt tokens, added)`, `${owner.all} (+${owner.all - owner.none})`);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

void main();
