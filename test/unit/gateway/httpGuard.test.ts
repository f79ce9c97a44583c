// The HTTP API's guard, in process, over a real headless engine on a temp folder: loopback only,
// the bearer token on every request (the WebSocket's upgrade too), Host and Origin checked, the
// rate limit, the routes' errors, and the OpenAPI document checked by a real OpenAPI validator.
import * as assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { HeadlessEngine } from '../../../src/cli/headlessEngine';
import { HeadlessGatewayRuntime } from '../../../src/cli/headlessGatewayRuntime';
import { GatewayCommands } from '../../../src/gateway/gatewayCommands';
import { resolveApiToken } from '../../../src/gateway/http/apiToken';
import { type GatewayHttpServer, startGatewayHttpServer } from '../../../src/gateway/http/gatewayHttpServer';
import { call, openSocket } from './httpClient';

const TOKEN = 'test-token-0123456789abcdef';
const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

describe('the gateway HTTP API guard', function () {
  this.timeout(30_000);
  let folder: string;
  let headless: HeadlessEngine;
  let server: GatewayHttpServer;
  const auth = { Authorization: `Bearer ${TOKEN}` };

  before(async () => {
    folder = await mkdtemp(join(tmpdir(), 'imperium-gateway-guard-'));
    // No workflow runs here, so no model is ever called; the endpoint only has to be well-formed.
    headless = await HeadlessEngine.open({ folder, model: { baseUrl: 'http://127.0.0.1:9/v1', model: 'none' }, logger: quiet, globalMemory: join(folder, 'global-memory') });
    server = await startGatewayHttpServer({ commands: new GatewayCommands(new HeadlessGatewayRuntime(headless)), token: TOKEN, port: 0, version: '0.0.0-test', logger: quiet, rateLimit: { requests: 40, windowSeconds: 60 } });
  });
  after(async () => {
    await server?.close();
    await headless?.close();
    await rm(folder, { recursive: true, force: true });
  });

  it('listens on 127.0.0.1 and nowhere else', () => {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('answers 401 without a token, with a wrong one, or with another scheme', async () => {
    for (const headers of [{} as Record<string, string>, { Authorization: 'Bearer wrong-token-0123456789' }, { Authorization: `Basic ${TOKEN}` }, { Authorization: TOKEN }]) {
      const answer = await call(`${server.url}/api/workflows`, { headers });
      assert.equal(answer.status, 401, JSON.stringify(headers));
      assert.equal(answer.headers['www-authenticate'], 'Bearer realm="imperium"');
      assert.match((answer.body as { error: string }).error, /bearer token is required/);
    }
    assert.equal((await call(`${server.url}/api/openapi.json`)).status, 401, 'the OpenAPI document too');
    assert.equal((await call(`${server.url}/api/workflows`, { method: 'POST', body: { request: 'x' } })).status, 401);
  });

  it('answers with the token, and sends no CORS header', async () => {
    const answer = await call(`${server.url}/api/workflows`, { headers: auth });
    assert.equal(answer.status, 200);
    assert.deepEqual((answer.body as { workflows: unknown[] }).workflows, []);
    assert.equal(answer.headers['access-control-allow-origin'], undefined);
    assert.equal(answer.headers['cache-control'], 'no-store');
  });

  it('refuses a foreign Origin even with the token, and takes its own', async () => {
    for (const origin of ['http://evil.example', 'null', 'http://127.0.0.1:1', 'https://127.0.0.1' + server.url.slice('http://127.0.0.1'.length)]) {
      const answer = await call(`${server.url}/api/workflows`, { headers: { ...auth, Origin: origin } });
      assert.equal(answer.status, 403, origin);
      assert.match((answer.body as { error: string }).error, /origin .* refused/);
    }
    assert.equal((await call(`${server.url}/api/workflows`, { headers: { ...auth, Origin: server.url } })).status, 200);
  });

  it('refuses a Host that does not name it (DNS rebinding)', async () => {
    const port = new URL(server.url).port;
    for (const host of [`evil.example:${port}`, 'evil.example', `127.0.0.1:${Number(port) + 1}`, `0.0.0.0:${port}`]) {
      const answer = await call(`${server.url}/api/workflows`, { headers: { ...auth, Host: host } });
      assert.equal(answer.status, 403, host);
      assert.match((answer.body as { error: string }).error, /Host header/);
    }
    assert.equal((await call(`${server.url}/api/workflows`, { headers: { ...auth, Host: `localhost:${port}` } })).status, 200);
  });

  it('guards the WebSocket upgrade the same way', async () => {
    const events = `${server.url.replace('http:', 'ws:')}/api/events`;
    await assert.rejects(openSocket(events, {}), { status: 401 });
    await assert.rejects(openSocket(events, { ...auth, Origin: 'http://evil.example' }), { status: 403 });
    await assert.rejects(openSocket(`${events}?workflowId=${encodeURIComponent('../x')}`, auth), { status: 400 });
    const socket = await openSocket(events, auth);
    socket.close();
    const plain = await call(`${server.url}/api/events`, { headers: auth });
    assert.equal(plain.status, 426);
  });

  it('answers bad requests with the status that says why', async () => {
    const post = (body: unknown, headers: Record<string, string> = {}) => call(`${server.url}/api/workflows`, { method: 'POST', body, headers: { ...auth, ...headers } });
    assert.equal((await post({ request: '  ' })).status, 400);
    assert.equal((await post({ request: 'x', approve: true })).status, 400, 'unknown fields are refused');
    assert.equal((await post({ request: 'x', workflow: 'release' })).status, 404);
    assert.equal((await call(`${server.url}/api/workflows`, { method: 'POST', rawBody: '{"request":', headers: { ...auth, 'Content-Type': 'application/json' } })).status, 400);
    assert.equal((await call(`${server.url}/api/workflows`, { method: 'POST', rawBody: 'request=x', headers: { ...auth, 'Content-Type': 'application/x-www-form-urlencoded' } })).status, 415);
    assert.equal((await call(`${server.url}/api/workflows`, { method: 'POST', rawBody: JSON.stringify({ request: 'x'.repeat(70_000) }), headers: { ...auth, 'Content-Type': 'application/json' } })).status, 413);
    assert.equal((await call(`${server.url}/api/workflows/wf-404`, { headers: auth })).status, 404);
    assert.equal((await call(`${server.url}/api/workflows/wf-404/cancel`, { method: 'POST', headers: auth })).status, 404);
    assert.equal((await call(`${server.url}/api/workflows`, { method: 'DELETE', headers: auth })).status, 405);
    for (const path of ['/api/approvals', '/api/workflows/wf-1/approve', '/api/workflows/wf-1/undo', '/api/workflows/wf-1/reject']) {
      assert.equal((await call(`${server.url}${path}`, { method: 'POST', headers: auth, body: {} })).status, 404, path);
    }
  });

  it('serves an OpenAPI document that a real OpenAPI validator accepts', async () => {
    const answer = await call(`${server.url}/api/openapi.json`, { headers: auth });
    assert.equal(answer.status, 200);
    const document = answer.body as { openapi: string; servers: { url: string }[]; paths: Record<string, unknown> };
    await SwaggerParser.validate(structuredClone(document) as never);
    assert.equal(document.openapi, '3.1.0');
    assert.deepEqual(document.servers, [{ url: server.url }]);
    assert.deepEqual(Object.keys(document.paths).sort(), ['/api/events', '/api/openapi.json', '/api/workflows', '/api/workflows/{id}', '/api/workflows/{id}/cancel', '/api/workflows/{id}/report']);
    assert.doesNotMatch(JSON.stringify(document.paths), /approv|reject|undo/i);
  });

  it('rate-limits requests, saying when to try again', async () => {
    let limited;
    for (let i = 0; i < 60 && !limited; i++) {
      const answer = await call(`${server.url}/api/workflows`, { headers: auth });
      if (answer.status === 429) limited = answer;
      else assert.equal(answer.status, 200);
    }
    assert.ok(limited, 'no request was limited');
    assert.match(String(limited.headers['retry-after']), /^\d+$/);
  });
});

describe('the gateway API token', () => {
  it('is generated when none is given, and refused when too short or not printable', () => {
    const generated = resolveApiToken(undefined);
    assert.equal(generated.generated, true);
    assert.ok(generated.value.length >= 40);
    assert.notEqual(resolveApiToken('').value, generated.value);
    assert.deepEqual(resolveApiToken('a-token-of-16-chars'), { value: 'a-token-of-16-chars', generated: false });
    assert.throws(() => resolveApiToken('short'), /at least 16/);
    assert.throws(() => resolveApiToken('has spaces in it, see'), /printable ASCII/);
  });
});
