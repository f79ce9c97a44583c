// The deploy workflow on Conductor, composed as the editor composes it (the runtime over a
// PendingApprovals queue, the Conductor engine opener): each staged file IntegrationBot proposes
// waits as a HUMAN task on the server, and a person answers them through Conductor's REST API
// alone. The one approved is written, the one rejected is not and carries the note given there.
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { HeadlessEngine } from '../../src/cli/headlessEngine';
import { PendingApprovals } from '../../src/core/approvals/pendingApprovals';
import type { DeploymentPlan } from '../../src/core/integration/deploymentPlan';
import { startScriptedModelServer, type ScriptedModelServer } from '../../src/llm/scriptedServer/scriptedModelServer';
import { conductorEngineOpener } from '../../src/runtime/conductorOpener';
import { deployModule } from '../../src/workflows/deploy/deployModule';
import { suiteServer } from './harness/serverHooks';
import { quietLogger } from './support/engineFixture';

const FIXTURE = resolve(__dirname, '..', 'fixtures', 'contract-service');
const COMPOSE = 'services:\n  api:\n    build: .\n    ports:\n      - "127.0.0.1:8080:8080"\n';
const WORKFLOW = 'name: Deploy\non:\n  push:\n    branches: [main]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm ci && npm test\n';
const PLAN = {
  summary: 'Run the service with compose and test it on CI.',
  files: [
    { path: 'compose.yaml', content: COMPOSE, purpose: 'The service, on loopback only.' },
    { path: '.github/workflows/deploy.yml', content: WORKFLOW, purpose: 'Tests on every push to main.' },
  ],
  commands: [{ command: 'docker compose up -d --build', purpose: 'Build and start the service.' }],
};

interface ApprovalOnServer {
  workflowId: string;
  status: string;
  input: { path?: string; runsCode?: string };
  tasks: { status: string }[];
}

describe('The deploy workflow on Conductor, approved through Conductor', function () {
  this.timeout(180_000);
  let folder: string;
  let model: ScriptedModelServer | undefined;
  let headless: HeadlessEngine | undefined;

  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'imperium-deploy-conductor-'));
    await cp(FIXTURE, folder, { recursive: true });
    model = await startScriptedModelServer({ roles: { integrationbot: [{ toolCalls: [{ name: 'finish', arguments: { summary: 'Planned.', changed_files: [], deployment: PLAN } }] }] } });
  });

  afterEach(async () => {
    await headless?.close();
    headless = undefined;
    await model?.close();
    await rm(folder, { recursive: true, force: true });
  });

  /** Composed as the editor composes it: the runtime over a PendingApprovals queue, the Conductor engine opener. */
  async function startDeploy(approvals: PendingApprovals, humanTasks: boolean): Promise<string> {
    headless = await HeadlessEngine.open({
      folder,
      model: { baseUrl: model!.url, model: 'scripted-model' },
      logger: quietLogger,
      globalMemory: join(folder, '.imperium', 'global-memory'),
      skillsHome: false,
      browser: false,
      approvals,
      openEngine: conductorEngineOpener({ url: suiteServer().url }, { folder, logger: quietLogger, humanTasks }),
    });
    assert.equal(headless.engine.kind, 'conductor');
    return headless.engine.start(deployModule.definition, deployModule.input({ workflow: 'deploy', request: 'Deploy the adoption service with docker compose and run its tests on CI.' }));
  }

  async function approvalsOnServer(id: string, includeClosed: boolean): Promise<ApprovalOnServer[]> {
    const response = await fetch(`${suiteServer().url}/api/workflow/imperium_approval/correlated/${id}?includeClosed=${includeClosed}&includeTasks=true`);
    return (await response.json()) as ApprovalOnServer[];
  }

  async function expectPlanDecided(id: string): Promise<void> {
    const workflow = await headless!.engine.settled(id);
    assert.equal(workflow.status, 'COMPLETED', workflow.reason);
    const stage = workflow.outputs.stage as unknown as DeploymentPlan;
    assert.deepEqual(stage.files.map((file) => [file.path, file.status, file.note]), [
      ['compose.yaml', 'approved', undefined],
      ['.github/workflows/deploy.yml', 'rejected', 'CI is configured elsewhere'],
    ]);
    assert.equal(await readFile(join(folder, 'compose.yaml'), 'utf8'), COMPOSE);
    assert.equal(existsSync(join(folder, '.github', 'workflows', 'deploy.yml')), false);
  }

  const answerFor = (path: string | undefined) => (path === 'compose.yaml' ? { approved: true } : { approved: false, note: 'CI is configured elsewhere' });

  it('asks each staged file as a HUMAN task; the answers given on the server decide what is written', async () => {
    const url = suiteServer().url;
    const approvals = new PendingApprovals();
    const id = await startDeploy(approvals, true);
    const answered: string[] = [];
    const deadline = Date.now() + 120_000;
    // The stage step asks file by file: answer each HUMAN task as it appears, on the server only.
    while (answered.length < 2) {
      assert.ok(Date.now() < deadline, `only ${answered.length} HUMAN task(s) appeared`);
      const waiting = (await approvalsOnServer(id, false)).filter((approval) => approval.tasks[0]?.status === 'IN_PROGRESS' && !answered.includes(approval.workflowId));
      for (const approval of waiting) {
        assert.match(approval.input.runsCode ?? '', /is part of a deployment plan/);
        const update = await fetch(`${url}/api/tasks/${approval.workflowId}/approval/COMPLETED`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(answerFor(approval.input.path)) });
        assert.ok(update.ok, `the task update answered ${update.status}`);
        answered.push(approval.workflowId);
      }
      await sleep(200);
    }
    await expectPlanDecided(id);
    assert.deepEqual(approvals.pending(), [], 'nothing is left waiting in the editor');
  });

  it('asks only here with imperium.conductor.humanTasks off: nothing waits on the server', async () => {
    const approvals = new PendingApprovals();
    approvals.subscribe((change) => {
      if (change.type !== 'added' || change.approval.request.kind !== 'edit') return;
      const { id, request } = change.approval;
      // Answered in the editor after a moment, once the server would have had it.
      setTimeout(() => approvals.decide(id, answerFor(request.kind === 'edit' ? request.path : undefined)), 1_500);
    });
    const id = await startDeploy(approvals, false);
    await expectPlanDecided(id);
    assert.deepEqual(await approvalsOnServer(id, true), [], 'no approval workflow on the server');
  });
});
