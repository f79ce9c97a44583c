import * as assert from 'node:assert/strict';
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { HeadlessEngine } from '../../../../src/cli/headlessEngine';
import type { Logger } from '../../../../src/core/ports';
import { startScriptedModelServer, type ScriptedModelServer } from '../../../../src/llm/scriptedServer/scriptedModelServer';
import { integrationModule } from '../../../../src/workflows/integration/integrationModule';
import { petsModuleSource } from '../../../support/petsModuleSource';

// The integration workflow end to end, contract-first, on a copy of the contract-service fixture
// (a TypeScript service tested with mocha and tsx, and the shelter API's OpenAPI description): the
// real HeadlessEngine (store, journal, the confined mocha runner, the Board) and the scripted model
// server answering IntegrationBot and the Board. Red writes contract tests from the description and
// they fail; green has IntegrationBot generate the client and wire it in until they pass against
// the mock. The fixture's packages (mocha, tsx, openapi-backend, openapi-fetch) are this
// repository's, through a node_modules link.
const FIXTURE = resolve(__dirname, '..', '..', '..', 'fixtures', 'contract-service');
const REPO_MODULES = resolve(__dirname, '..', '..', '..', '..', 'node_modules');
const REQUEST = 'Show the shelter\'s pets: call listPets and getPet of openapi.yaml from src/shelterApi.ts.';
const quiet: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const approve = (summary: string) => JSON.stringify({ decision: 'approve', summary, findings: [] });

const SHELTER_API = petsModuleSource('./generated/shelterClient');

/** The same module with the path typed by hand wrong: the contract tests catch it. */
const WRONG_PATH = SHELTER_API.replace("GET('/pets/{petId}', { params: { path: args.path } })", "GET('/pets' as '/pets/{petId}', { params: { path: args.path } })");

describe('the integration workflow, contract-first with a generated client', function () {
  this.timeout(300_000);
  let folder: string;
  let server: ScriptedModelServer | undefined;
  let headless: HeadlessEngine | undefined;

  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'imperium-integration-'));
    await cp(FIXTURE, folder, { recursive: true });
    // Links to the packages, not to the folder: the confined test run binds node_modules itself.
    await mkdir(join(folder, 'node_modules', '.bin'), { recursive: true });
    for (const name of ['mocha', 'tsx', 'openapi-backend', 'openapi-fetch']) await symlink(join(REPO_MODULES, name), join(folder, 'node_modules', name), 'dir');
    await symlink(join(REPO_MODULES, 'mocha', 'bin', 'mocha.js'), join(folder, 'node_modules', '.bin', 'mocha'));
  });

  afterEach(async () => {
    await headless?.close();
    headless = undefined;
    await server?.close();
    server = undefined;
    await rm(folder, { recursive: true, force: true });
  });

  it('takes the description from the request or the target, and refuses a request naming none', () => {
    assert.deepEqual(integrationModule.input({ workflow: 'integration', request: REQUEST }), { request: REQUEST, spec: 'openapi.yaml', module: 'src/shelterApi.ts' });
    assert.deepEqual(integrationModule.input({ workflow: 'integration', request: 'Generate a client', target: { kind: 'selection', path: 'api/pet-store.yaml', startLine: 1, endLine: 1, description: 'openapi' } }), { request: 'Generate a client', spec: 'api/pet-store.yaml', module: 'src/petStoreApi.ts' });
    assert.throws(() => integrationModule.input({ workflow: 'integration', request: 'Call the pets API' }), /Name the OpenAPI description/);
  });

  it('goes red with contract tests from the description, then green once IntegrationBot wires the generated client in', async () => {
    server = await startScriptedModelServer({
      roles: {
        integrationbot: [
          { toolCalls: [{ name: 'check_api_description', arguments: { file: 'openapi.yaml' } }] },
          { toolCalls: [{ name: 'generate_api_client', arguments: { spec: 'openapi.yaml', types_file: 'src/generated/shelter.types.ts', client_file: 'src/generated/shelterClient.ts' } }] },
          // A first try with a path typed wrong: the contract tests fail and it goes back to IntegrationBot.
          { toolCalls: [{ name: 'write_file', arguments: { path: 'src/shelterApi.ts', content: WRONG_PATH } }] },
          { toolCalls: [{ name: 'finish', arguments: { summary: 'Wired the client.', changed_files: ['src/shelterApi.ts', 'src/generated/shelterClient.ts', 'src/generated/shelter.types.ts'] } }] },
          { toolCalls: [{ name: 'write_file', arguments: { path: 'src/shelterApi.ts', content: SHELTER_API } }] },
          { toolCalls: [{ name: 'finish', arguments: { summary: 'listPets and getPet call the API through the generated client.', changed_files: ['src/shelterApi.ts'] } }] },
        ],
        'product-owner': [{ when: { lastMessageContains: '# Review of a change' }, content: approve('Both operations are wired as the description says.') }],
        cto: [{ when: { lastMessageContains: '# Review of a change' }, content: approve('A generated client, thin functions.') }],
        cso: [{ when: { lastMessageContains: '# Review of a change' }, content: approve('No credentials, loopback only in tests.') }],
      },
    });
    headless = await HeadlessEngine.open({ folder, model: { baseUrl: server.url, model: 'scripted-model' }, logger: quiet, limits: { testTimeoutMs: 60_000, greenAttempts: 2 }, globalMemory: join(folder, '.imperium', 'global-memory'), skillsHome: false, browser: false });
    const id = await headless.engine.start(integrationModule.definition, integrationModule.input({ workflow: 'integration', request: REQUEST }));
    const workflow = await headless.engine.settled(id);
    assert.equal(workflow.status, 'COMPLETED', workflow.reason);

    const red = workflow.outputs.red as { testFile: string; failing: string[]; operations: { operationId: string }[] };
    assert.deepEqual(red.operations.map((operation) => operation.operationId), ['listPets', 'getPet']);
    assert.equal(red.testFile, 'test/contract/openapi.contract.test.ts');
    assert.ok(red.failing.some((line) => /shelterApi/.test(line)), `red fails because the module is not there: ${red.failing.join('\n')}`);
    const tests = await readFile(join(folder, red.testFile), 'utf8');
    assert.match(tests, /api\.getPet\(mock\.url, \{"path":\{"petId":1\}\}\)/);

    const green = workflow.outputs.green as { attempts: number; client: string; passed: number };
    assert.deepEqual([green.attempts, green.client, green.passed], [2, 'src/generated/shelterClient.ts', 2], 'the wrong path failed the contract tests once');
    assert.match(await readFile(join(folder, 'src/generated/shelter.types.ts'), 'utf8'), /^\/\/ Generated by Imperium Flow with openapi-typescript/);

    // The contract runs are the engine's own: named, and reported to the views as test runs.
    const runs = (await headless.events()).flatMap((event) => (event.type === 'test-run' && event.workflowId === id && event.state === 'finished' ? [`${event.label}: ${event.summary?.passed ?? '?'} passed, ${event.summary?.failed ?? '?'} failed`] : []));
    assert.deepEqual(runs.map((run) => run.replace(/: \d+ passed, \d+ failed$/, '')), [`${id} red: contract tests`, `${id} green: attempt 1`, `${id} green: attempt 2`]);
    assert.ok(runs[0]?.endsWith(': 0 passed, 0 failed') && runs[2]?.endsWith(': 2 passed, 0 failed'), `red loads no module, the second try passes both: ${runs.join('; ')}`);

    const report = await headless.report(id, 60_000);
    assert.deepEqual(report.files.map((file) => file.path).sort(), ['src/generated/shelter.types.ts', 'src/generated/shelterClient.ts', 'src/shelterApi.ts', 'test/contract/openapi.contract.test.ts', 'test/contract/openapi.mock.ts']);
    assert.equal(report.tests?.summary.failed, 0);
    assert.equal(server.remaining(), 0, 'every scripted reply was asked for');
  });

  it('refuses a client typed by hand: the gate wants the generator\'s own output', async () => {
    const handTyped = SHELTER_API.replace("import { createApiClient } from './generated/shelterClient';", "import createClient from 'openapi-fetch';\nconst createApiClient = (baseUrl: string) => createClient<any>({ baseUrl });");
    server = await startScriptedModelServer({
      roles: {
        integrationbot: [
          { toolCalls: [{ name: 'write_file', arguments: { path: 'src/shelterApi.ts', content: handTyped } }] },
          { toolCalls: [{ name: 'finish', arguments: { summary: 'A client of my own.', changed_files: ['src/shelterApi.ts'] } }] },
        ],
      },
    });
    headless = await HeadlessEngine.open({ folder, model: { baseUrl: server.url, model: 'scripted-model' }, logger: quiet, limits: { testTimeoutMs: 60_000, greenAttempts: 1 }, globalMemory: join(folder, '.imperium', 'global-memory'), skillsHome: false, browser: false });
    const id = await headless.engine.start(integrationModule.definition, integrationModule.input({ workflow: 'integration', request: REQUEST }));
    const workflow = await headless.engine.settled(id);
    assert.notEqual(workflow.status, 'COMPLETED');
    assert.match(JSON.stringify(workflow), /does not import a client generated from openapi\.yaml/);
  });

  it('stops at red when the project lacks the contract tests\' packages, naming the install a person runs', async () => {
    await rm(join(folder, 'node_modules', 'openapi-backend'));
    server = await startScriptedModelServer({ roles: {} });
    headless = await HeadlessEngine.open({ folder, model: { baseUrl: server.url, model: 'scripted-model' }, logger: quiet, limits: { testTimeoutMs: 60_000 }, globalMemory: join(folder, '.imperium', 'global-memory'), skillsHome: false, browser: false });
    const id = await headless.engine.start(integrationModule.definition, integrationModule.input({ workflow: 'integration', request: REQUEST }));
    const workflow = await headless.engine.settled(id);
    assert.equal(workflow.status, 'FAILED');
    assert.match(workflow.reason ?? '', /need the packages openapi-backend, which the workspace does not have\. Adding dependencies is a person's to do: run `npm install --save-dev openapi-backend`/);
    assert.equal(await readFile(join(folder, 'package.json'), 'utf8'), await readFile(join(FIXTURE, 'package.json'), 'utf8'), 'nothing changed the manifest');
    assert.equal(server.requests.filter((request) => request.path === '/v1/chat/completions').length, 0, 'no model was asked');
  });

  it('stops at red on a description that does not validate, naming each problem and where', async () => {
    const spec = join(folder, 'openapi.yaml');
    await writeFile(spec, (await readFile(spec, 'utf8')).replace('required: false', 'required: perhaps').replace('example: { id: 1, name: Rex, species: dog }', 'example: { id: one, name: Rex, species: dog }'));
    server = await startScriptedModelServer({ roles: {} });
    headless = await HeadlessEngine.open({ folder, model: { baseUrl: server.url, model: 'scripted-model' }, logger: quiet, limits: { testTimeoutMs: 60_000 }, globalMemory: join(folder, '.imperium', 'global-memory'), skillsHome: false, browser: false });
    const id = await headless.engine.start(integrationModule.definition, integrationModule.input({ workflow: 'integration', request: REQUEST }));
    const workflow = await headless.engine.settled(id);
    assert.equal(workflow.status, 'FAILED');
    assert.match(workflow.reason ?? '', /openapi\.yaml is not a valid API description/);
    assert.match(workflow.reason ?? '', /openapi\.yaml:16:21 #\/paths\/~1pets\/get\/parameters\/0\/required \(struct\)/);
    assert.match(workflow.reason ?? '', /#\/paths\/~1pets~1\{petId\}\/get\/responses\/200\/content\/application~1json\/example\/id \(no-invalid-media-type-examples\)/);
    assert.equal(server.requests.filter((request) => request.path === '/v1/chat/completions').length, 0, 'no model was asked');
  });
});
