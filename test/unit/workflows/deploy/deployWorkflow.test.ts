import * as assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { HeadlessEngine } from '../../../../src/cli/headlessEngine';
import type { DeploymentPlan } from '../../../../src/core/integration/deploymentPlan';
import type { ApprovalDecision, ApprovalRequest, Approvals, Logger } from '../../../../src/core/ports';
import { startScriptedModelServer, type ScriptedModelServer } from '../../../../src/llm/scriptedServer/scriptedModelServer';
import { deployModule } from '../../../../src/workflows/deploy/deployModule';

// A deployment request, end to end on a copy of the contract-service fixture: the real
// HeadlessEngine and the scripted model server as IntegrationBot. It ends in a plan (files staged
// for a person, the exact commands for a person to run); nothing is run and nothing is written by
// an agent, and the Board is never asked. The plan's last command would leave a file behind if
// anything ran it.
const FIXTURE = resolve(__dirname, '..', '..', '..', 'fixtures', 'contract-service');
const quiet: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const COMPOSE = `services:
  api:
    build: .
    ports:
      - "127.0.0.1:8080:8080"
    develop:
      watch:
        - action: sync
          path: ./src
          target: /app/src
`;
const WORKFLOW = `name: Deploy
on:
  push:
    branches: [main]
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: npm ci && npm test
`;
const COMMANDS = [
  { command: 'docker compose up -d --build', purpose: 'Build and start the service.' },
  { command: 'git push origin main', purpose: 'Push, so CI runs.' },
  { command: 'touch RAN_BY_AN_AGENT', purpose: 'Shows whether anything ran the plan.' },
];
const plan = (compose: string) => ({
  summary: 'Run the service with compose and test it on CI.',
  files: [
    { path: 'compose.yaml', content: compose, purpose: 'The service, on loopback only.' },
    { path: '.github/workflows/deploy.yml', content: WORKFLOW, purpose: 'Tests on every push to main.' },
  ],
  commands: COMMANDS,
});

class RecordingApprovals implements Approvals {
  readonly requests: ApprovalRequest[] = [];
  async request(request: ApprovalRequest): Promise<ApprovalDecision> {
    this.requests.push(request);
    return { approved: request.kind === 'edit' && request.path === 'compose.yaml' };
  }
}

describe('a deployment request ends in a plan a person approves and runs', function () {
  this.timeout(120_000);
  let folder: string;
  let server: ScriptedModelServer | undefined;
  let headless: HeadlessEngine | undefined;

  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'imperium-deploy-'));
    await cp(FIXTURE, folder, { recursive: true });
    server = await startScriptedModelServer({
      roles: {
        integrationbot: [
          // Tries to write the compose file itself: it has no tool that writes.
          { toolCalls: [{ name: 'write_file', arguments: { path: 'compose.yaml', content: COMPOSE } }] },
          { toolCalls: [{ name: 'check_deployment_file', arguments: { file: 'compose.yaml', content: COMPOSE } }] },
          // A plan whose compose file does not check: finish is refused, naming the line.
          { toolCalls: [{ name: 'finish', arguments: { summary: 'Planned.', changed_files: [], deployment: plan(COMPOSE.replace('    ports:', '    portz:')) } }] },
          { toolCalls: [{ name: 'finish', arguments: { summary: 'Planned.', changed_files: [], deployment: plan(COMPOSE) } }] },
        ],
      },
    });
  });

  afterEach(async () => {
    await headless?.close();
    headless = undefined;
    await server?.close();
    await rm(folder, { recursive: true, force: true });
  });

  async function run(approvals?: Approvals) {
    headless = await HeadlessEngine.open({ folder, model: { baseUrl: server!.url, model: 'scripted-model' }, logger: quiet, globalMemory: join(folder, '.imperium', 'global-memory'), skillsHome: false, browser: false, ...(approvals && { approvals }) });
    const id = await headless.engine.start(deployModule.definition, deployModule.input({ workflow: 'deploy', request: 'Deploy the adoption service with docker compose and run its tests on CI.' }));
    const workflow = await headless.engine.settled(id);
    assert.equal(workflow.status, 'COMPLETED', workflow.reason);
    return { id, workflow, stage: workflow.outputs.stage as unknown as DeploymentPlan };
  }

  it('without a person to ask: everything stays staged, no command and no test ran, the Board was not asked', async () => {
    const { id, stage } = await run();
    assert.equal(stage.nothingRun, true);
    assert.deepEqual(stage.files.map((file) => [file.path, file.status]), [['compose.yaml', 'staged'], ['.github/workflows/deploy.yml', 'staged']]);
    assert.deepEqual(stage.commands.map((command) => command.command), COMMANDS.map((command) => command.command), 'the exact commands, in order');
    assert.match(stage.commands[0]?.whyPerson ?? '', /starts or changes running services/);
    assert.match(stage.commands[1]?.whyPerson ?? '', /pushes to a remote host/);
    assert.match(stage.files[1]?.whyPerson ?? '', /CI configuration/);
    assert.equal(existsSync(join(folder, 'compose.yaml')), false, 'the compose file was not written');
    assert.equal(existsSync(join(folder, '.github')), false);
    assert.equal(existsSync(join(folder, 'RAN_BY_AN_AGENT')), false, 'no command of the plan ran');

    const events = (await headless!.runtime.pastEvents()).filter((event) => event.workflowId === id);
    assert.deepEqual(events.filter((event) => event.type === 'test-run'), [], 'no test ran');
    const tools = events.flatMap((event) => (event.type === 'tool' ? [`${event.tool}:${event.outcome}`] : []));
    assert.ok(tools.includes('write_file:refused') || tools.includes('write_file:error'), `the write was not done: ${tools.join(', ')}`);
    const chats = server!.requests.filter((request) => request.path === '/v1/chat/completions');
    assert.deepEqual([...new Set(chats.map((request) => request.role))], ['integrationbot'], 'only IntegrationBot was asked: no Board');
    const lastMessages = JSON.stringify(chats[3]?.body);
    assert.match(lastMessages, /compose\.yaml does not check: line \d+: services\.api: .*portz.* is not a key/, `the invalid plan went back to IntegrationBot: ${lastMessages.slice(-600)}`);
    assert.equal(server!.remaining(), 0);
  });

  it('with a person: each file is theirs to approve, one by one, and only what they approve is written', async () => {
    const approvals = new RecordingApprovals();
    const { stage } = await run(approvals);
    assert.deepEqual(approvals.requests.map((request) => [request.kind, request.kind === 'edit' ? request.path : '', request.kind === 'edit' ? request.runsCode !== undefined : false]), [
      ['edit', 'compose.yaml', true],
      ['edit', '.github/workflows/deploy.yml', true],
    ], 'asked as edits only a person decides, never as commands to run');
    assert.deepEqual(stage.files.map((file) => file.status), ['approved', 'rejected']);
    assert.equal(await readFile(join(folder, 'compose.yaml'), 'utf8'), COMPOSE);
    assert.equal(existsSync(join(folder, '.github', 'workflows', 'deploy.yml')), false);
    assert.equal(existsSync(join(folder, 'RAN_BY_AN_AGENT')), false);
  });
});
