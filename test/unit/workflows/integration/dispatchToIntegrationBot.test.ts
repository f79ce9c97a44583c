import * as assert from 'node:assert/strict';
import { cp, mkdir, mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { HeadlessEngine } from '../../../../src/cli/headlessEngine';
import type { Logger } from '../../../../src/core/ports';
import { startScriptedModelServer, type ScriptedModelServer } from '../../../../src/llm/scriptedServer/scriptedModelServer';
import { FEATURE_WORKFLOW } from '../../../../src/workflows/feature/featureWorkflow';
import type { AgentOutcome } from '../../../../src/superpowers/tdd/agentOutcome';

// The orchestrator dispatches by agent: a feature workflow whose plan tags a task for IntegrationBot
// runs that task with IntegrationBot (its tools, its guard), held to the tests TestBot wrote first.
// The real HeadlessEngine on a copy of the contract-service fixture, the scripted model server.
const FIXTURE = resolve(__dirname, '..', '..', '..', 'fixtures', 'contract-service');
const REPO_MODULES = resolve(__dirname, '..', '..', '..', '..', 'node_modules');
const quiet: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const approve = (summary: string) => JSON.stringify({ decision: 'approve', summary, findings: [] });
const TASK = 'petNames(pets) in src/petNames.ts, typed by the Pet of openapi.yaml through a generated client';
const TEST = `import * as assert from 'node:assert/strict';
import { petNames } from '../src/petNames';

describe('petNames', () => {
  it('lists the names of the pets', () => {
    assert.deepEqual(petNames([{ id: 1, name: 'Rex', species: 'dog' }, { id: 2, name: 'Tom', species: 'cat' }]), ['Rex', 'Tom']);
  });
});
`;
const PET_NAMES = `import type { components } from './generated/shelterClient';

/** The names of the shelter's pets, in order. */
export function petNames(pets: readonly components['schemas']['Pet'][]): string[] {
  return pets.map((pet) => pet.name);
}
`;

describe('a plan task tagged for IntegrationBot', function () {
  this.timeout(300_000);
  let folder: string;
  let server: ScriptedModelServer | undefined;
  let headless: HeadlessEngine | undefined;

  before(async () => {
    folder = await mkdtemp(join(tmpdir(), 'imperium-dispatch-integration-'));
    await cp(FIXTURE, folder, { recursive: true });
    await mkdir(join(folder, 'node_modules', '.bin'), { recursive: true });
    for (const name of ['mocha', 'tsx', 'openapi-fetch']) await symlink(join(REPO_MODULES, name), join(folder, 'node_modules', name), 'dir');
    await symlink(join(REPO_MODULES, 'mocha', 'bin', 'mocha.js'), join(folder, 'node_modules', '.bin', 'mocha'));
  });

  after(async () => {
    await headless?.close();
    await server?.close();
    await rm(folder, { recursive: true, force: true });
  });

  it('runs with IntegrationBot, which generates the client and may not touch package.json', async () => {
    server = await startScriptedModelServer({
      roles: {
        'product-owner': [
          { when: { lastMessageContains: 'Request:' }, content: JSON.stringify({ criteria: ['petNames lists the names of the pets'], tasks: [{ task: TASK, agent: 'integrationbot' }] }) },
          { when: { lastMessageContains: '# Review of a plan' }, content: approve('IntegrationBot for the API types.') },
          { when: { lastMessageContains: '# Review of a change' }, content: approve('Done.') },
        ],
        cto: [
          { when: { lastMessageContains: '# Review of a plan' }, content: approve('Small.') },
          { when: { lastMessageContains: '# Review of a change' }, content: approve('Generated types.') },
        ],
        cso: [
          { when: { lastMessageContains: '# Review of a plan' }, content: approve('Nothing sensitive.') },
          { when: { lastMessageContains: '# Review of a change' }, content: approve('Nothing sensitive.') },
        ],
        testbot: [{ toolCalls: [{ name: 'write_file', arguments: { path: 'test/petNames.test.ts', content: TEST } }, { name: 'finish', arguments: { summary: 'A test of petNames.', test_files: ['test/petNames.test.ts'] } }] }],
        integrationbot: [
          { toolCalls: [{ name: 'write_file', arguments: { path: 'package.json', content: '{"name":"x","scripts":{"postinstall":"node evil.js"}}' } }] },
          { toolCalls: [{ name: 'generate_api_client', arguments: { spec: 'openapi.yaml', types_file: 'src/generated/shelter.types.ts', client_file: 'src/generated/shelterClient.ts' } }] },
          { toolCalls: [{ name: 'write_file', arguments: { path: 'src/petNames.ts', content: PET_NAMES } }] },
          { toolCalls: [{ name: 'finish', arguments: { summary: 'petNames over the generated Pet type.', changed_files: ['src/petNames.ts', 'src/generated/shelterClient.ts', 'src/generated/shelter.types.ts'] } }] },
        ],
        codebot: [{ when: { lastMessageContains: 'Task: Refactor' }, toolCalls: [{ name: 'finish', arguments: { summary: 'Nothing to refactor.', changed_files: [] } }] }],
      },
    });
    headless = await HeadlessEngine.open({ folder, model: { baseUrl: server.url, model: 'scripted-model' }, logger: quiet, limits: { testTimeoutMs: 60_000, greenAttempts: 1 }, globalMemory: join(folder, '.imperium', 'global-memory'), skillsHome: false, browser: false });
    const id = await headless.engine.start(FEATURE_WORKFLOW, { request: 'List the names of the shelter\'s pets (openapi.yaml), typed by its API.' });
    const workflow = await headless.engine.settled(id);
    assert.equal(workflow.status, 'COMPLETED', workflow.reason);

    const chats = server.requests.filter((request) => request.path === '/v1/chat/completions');
    const po = (chats.find((request) => request.role === 'product-owner')?.body as { messages: { content: string }[] }).messages[0]?.content ?? '';
    assert.match(po, /"integrationbot" \(IntegrationBot\): integrates with an HTTP API/, 'the Product Owner is offered IntegrationBot');
    const green = workflow.outputs.green as { dispatched: AgentOutcome[] };
    assert.deepEqual(green.dispatched.map((outcome) => [outcome.agent, outcome.checkedBy, outcome.tasks]), [['integrationbot', 'tests', [TASK]]]);
    const integrationChats = chats.filter((request) => request.role === 'integrationbot');
    assert.match(JSON.stringify(integrationChats[1]?.body), /package\.json is a person's to approve/, 'its write of package.json was refused');
    assert.doesNotMatch(await readFile(join(folder, 'package.json'), 'utf8'), /postinstall/);
    assert.match(await readFile(join(folder, 'src/generated/shelter.types.ts'), 'utf8'), /^\/\/ Generated by Imperium Flow with openapi-typescript/);
    assert.equal(server.remaining(), 0, 'every scripted reply was asked for');
  });
});
