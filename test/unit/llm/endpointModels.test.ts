import { strict as assert } from 'node:assert';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EndpointModelsError, listEndpointModels } from '../../../src/llm/endpointModels';
import { startScriptedModelServer } from '../../../src/llm/scriptedServer/scriptedModelServer';

function serve(status: number, body: object): Promise<Server> {
  const server = createServer((_request, response) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const urlOf = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;

async function failure(promise: Promise<unknown>): Promise<EndpointModelsError> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  assert.ok(error instanceof EndpointModelsError, `expected an EndpointModelsError, got ${String(error)}`);
  return error;
}

describe("an endpoint's models, for the picker", () => {
  it('lists what GET /models answers, through the openai client, without a key on loopback', async () => {
    const server = await startScriptedModelServer({ model: 'scripted-demo', roles: {} });
    try {
      assert.deepEqual(await listEndpointModels({ baseUrl: server.url, apiKey: undefined }), ['scripted-demo']);
      assert.deepEqual(server.requests.map((request) => [request.method, request.path, request.headers.authorization]), [['GET', '/v1/models', undefined]]);
    } finally {
      await server.close();
    }
  });

  it('asks for a key before calling a remote endpoint without one', async () => {
    const error = await failure(listEndpointModels({ baseUrl: 'https://api.openai.com/v1', apiKey: undefined }));
    assert.equal(error.kind, 'no-key');
    assert.match(error.message, /No API key is set for https:\/\/api\.openai\.com: run "Imperium: Set API Key"/);
  });

  it('says the endpoint does not answer when nothing listens', async () => {
    const server = await serve(200, {});
    const baseUrl = urlOf(server);
    await new Promise((resolve) => server.close(resolve));
    const error = await failure(listEndpointModels({ baseUrl, apiKey: undefined }));
    assert.equal(error.kind, 'unreachable');
    assert.match(error.message, /does not answer \(ECONNREFUSED\): is it running/);
  });

  it('says the key was refused on a 401, and names the status otherwise', async () => {
    const refusing = await serve(401, { error: { message: 'bad key', type: 'invalid_request_error' } });
    const broken = await serve(500, { error: { message: 'boom', type: 'server_error' } });
    try {
      const refused = await failure(listEndpointModels({ baseUrl: urlOf(refusing), apiKey: 'sk-wrong-key-123' }));
      assert.equal(refused.kind, 'refused-key');
      assert.match(refused.message, /refused the API key \(HTTP 401\)/);
      const failed = await failure(listEndpointModels({ baseUrl: urlOf(broken), apiKey: 'sk-some-key-123' }));
      assert.equal(failed.kind, 'failed');
      assert.match(failed.message, /HTTP 500/);
    } finally {
      await new Promise((resolve) => refusing.close(resolve));
      await new Promise((resolve) => broken.close(resolve));
    }
  });
});
