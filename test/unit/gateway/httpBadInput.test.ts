// The HTTP API on input the guard lets through but that is still wrong: a path that is not valid
// percent-encoding, and a model endpoint that is down. Each gets a clear answer, never a 500 or a
// workflow left running.
import * as assert from 'node:assert/strict';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HeadlessEngine } from '../../../src/cli/headlessEngine';
import { HeadlessGatewayRuntime } from '../../../src/cli/headlessGatewayRuntime';
import { GatewayCommands } from '../../../src/gateway/gatewayCommands';
import { type GatewayHttpServer, startGatewayHttpServer } from '../../../src/gateway/http/gatewayHttpServer';
import { call } from './httpClient';

const TOKEN = 'test-token-0123456789abcdef';
const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const auth = { Authorization: `Bearer ${TOKEN}` };

describe('the gateway HTTP API on bad input', function () {
  this.timeout(90_000);
  let folder: string;
  let headless: HeadlessEngine;
  let server: GatewayHttpServer;

  before(async () => {
    folder = await mkdtemp(join(tmpdir(), 'imperium-gateway-bad-'));
    await cp(join(__dirname, '..', '..', '..', 'examples', 'bookshelf'), folder, { recursive: true });
    // Port 9 (discard) on loopback: nothing listens, so every model call is refused at once.
    headless = await HeadlessEngine.open({ folder, model: { baseUrl: 'http://127.0.0.1:9/v1', model: 'none', apiKey: 'unused', callTimeoutMs: 2_000 }, logger: quiet, globalMemory: join(folder, 'global-memory'), skillsHome: false });
    server = await startGatewayHttpServer({ commands: new GatewayCommands(new HeadlessGatewayRuntime(headless)), token: TOKEN, port: 0, version: '0.0.0-test', logger: quiet });
  });
  after(async () => {
    await server?.close();
    await headless?.close();
    await rm(folder, { recursive: true, force: true });
  });

  it('answers 400, not 500, to a path that is not valid percent-encoding', async () => {
    for (const path of ['/api/workflows/%E0%A4%A', '/api/workflows/%ZZ/cancel']) {
      const answer = await call(`${server.url}${path}`, { method: path.endsWith('cancel') ? 'POST' : 'GET', headers: auth });
      assert.equal(answer.status, 400, `${path}: ${JSON.stringify(answer.body)}`);
      assert.match((answer.body as { error: string }).error, /not valid percent-encoding/);
    }
  });

  it('ends a workflow whose model endpoint is down, and says why in its status', async () => {
    const started = await call(`${server.url}/api/workflows`, { method: 'POST', headers: auth, body: { request: 'Add Shelf#size().' } });
    assert.equal(started.status, 201, JSON.stringify(started.body));
    const { id } = started.body as { id: string };
    let status: { status: string; reason?: string } = { status: 'RUNNING' };
    for (const deadline = Date.now() + 80_000; !['COMPLETED', 'FAILED', 'CANCELED', 'TIMED_OUT'].includes(status.status) && Date.now() < deadline; ) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      status = (await call(`${server.url}/api/workflows/${id}`, { headers: auth })).body as typeof status;
    }
    assert.equal(status.status, 'FAILED', JSON.stringify(status));
    assert.match(status.reason ?? '', /127\.0\.0\.1:9|could not reach|connect|ECONNREFUSED/i);
  });
});
