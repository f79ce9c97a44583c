// The command center's contract tests and deployment plan card: read from an integration or deploy
// workflow's stored outputs (integrationViewOf), kept in the dashboard state, and shown; a plan's
// commands are text to read (a <code>), never something the page can run.
import * as assert from 'node:assert/strict';
import { integrationViewOf } from '../../../src/host/dashboard/integrationViewOf';
import type { WorkflowSnapshot } from '../../../src/core/orchestrator/workflowState';
import { applyUpdates } from '../../../src/shared/dashboardReducer';
import { emptyDashboard } from '../../../src/shared/dashboardState';
import type { IntegrationView } from '../../../src/shared/integrationView';
import { DESCRIPTION, FEATURE_EVENTS, snapshotOf, stamp } from './dashboardFixture';
import { openPage, type TestPage } from './jsdomPage';

function snapshot(name: string, outputs: Record<string, unknown>): WorkflowSnapshot {
  return { id: 'wf-1', definition: { name, version: 1, steps: [] }, input: {}, status: 'COMPLETED', createdAt: 1, updatedAt: 2, stepIndex: 0, outputs, jumps: {}, tasks: [] } as unknown as WorkflowSnapshot;
}

const CONTRACT = integrationViewOf(
  snapshot('integration', {
    red: { spec: 'openapi.yaml', module: 'src/shelterApi.ts', testFile: 'test/contract/openapi.contract.test.ts', operations: [{ operationId: 'listPets', method: 'GET', path: '/pets' }], failing: ["Cannot find module '../../src/shelterApi'"], criteria: [], summary: '' },
    green: { client: 'src/generated/shelterClient.ts', passed: 1, summary: '' },
  }),
) as IntegrationView;
const PLAN = integrationViewOf(
  snapshot('deploy', {
    stage: {
      summary: 'Compose and CI.',
      files: [{ path: 'compose.yaml', content: 'services: {}', purpose: 'x', status: 'staged', whyPerson: 'it changes a deployment file', problems: [] }],
      commands: [{ command: '<img src=x onerror=alert(1)> docker compose up -d', purpose: 'Start it.', whyPerson: 'it starts or changes running services' }],
      nothingRun: true,
    },
  }),
) as IntegrationView;

function text(page: TestPage, selector: string): string {
  return [...page.document.querySelectorAll(selector)].map((element) => element.textContent?.trim() ?? '').join(' | ');
}

describe('the command center\'s contract tests and deployment plan', () => {
  let page: TestPage;
  afterEach(() => page?.close());

  it('reads them from the integration and deploy workflows\' outputs, and nothing from others', () => {
    assert.deepEqual(CONTRACT.contract?.operations, ['listPets: GET /pets']);
    assert.equal(CONTRACT.contract?.client, 'src/generated/shelterClient.ts');
    assert.equal(PLAN.plan?.files[0]?.status, 'staged');
    assert.equal(integrationViewOf(snapshot('feature', { red: {} })), undefined);
    assert.equal(integrationViewOf(snapshot('integration', { red: { spec: 1 } })), undefined, 'unreadable outputs show nothing');
    const state = applyUpdates(emptyDashboard(), [DESCRIPTION, ...stamp(FEATURE_EVENTS), { type: 'integration-view', workflowId: 'wf-1', view: CONTRACT }]);
    assert.equal(state.workflows.find((workflow) => workflow.id === 'wf-1')?.integration?.contract?.testFile, 'test/contract/openapi.contract.test.ts');
  });

  it('shows the contract tests, and a plan\'s files and commands as text, none of it runnable', () => {
    page = openPage('command-center');
    page.post(snapshotOf([DESCRIPTION, ...stamp(FEATURE_EVENTS), { type: 'integration-view', workflowId: 'wf-1', view: { ...CONTRACT, ...PLAN } }]));
    page.runFrames();
    const card = page.document.querySelector('section.integration');
    assert.ok(card && !(card as HTMLElement).hidden, 'the card shows');
    assert.match(text(page, '.contract'), /test\/contract\/openapi\.contract\.test\.ts: the contract of openapi\.yaml for src\/shelterApi\.ts\. 1 passing with the generated client src\/generated\/shelterClient\.ts\..*listPets: GET \/pets.*Cannot find module/);
    assert.match(text(page, '.deployment-plan'), /Compose and CI\. No agent ran any of it\..*compose\.yaml: staged, because it changes a deployment file/);
    assert.equal(text(page, '.deployment-plan code'), '<img src=x onerror=alert(1)> docker compose up -d');
    assert.equal(page.document.querySelectorAll('section.integration img, section.integration button').length, 0, 'the command is text, and the card has no button that runs it');
  });
});
