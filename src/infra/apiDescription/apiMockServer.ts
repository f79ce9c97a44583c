// A mock of an API served from its description on loopback, with openapi-backend: every request is
// validated against the operation it matches (400 with each problem when it does not), and every
// answer is the description's own example or one generated from its schema, itself validated
// against the response schema: an example the schema rejects is answered 500 saying so, never a
// silent 200.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAPIBackend, { type Context, type Request as BackendRequest } from 'openapi-backend';
import { InvalidApiDescriptionError, type MockExchange, type RunningMock } from '../../core/integration/apiDescriptions';
import { checkApiDescription } from './apiDescriptionValidator';

const MAX_BODY_BYTES = 1024 * 1024;
const MAX_EXCHANGES = 1000;

export async function serveApiMock(file: string, port = 0): Promise<RunningMock> {
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`the mock's port is a whole number from 0 to 65535, not ${port}`);
  const check = await checkApiDescription(file);
  if (!check.valid) throw new InvalidApiDescriptionError(check);
  const exchanges: MockExchange[] = [];
  const record = (exchange: MockExchange): void => {
    if (exchanges.length < MAX_EXCHANGES) exchanges.push(exchange);
  };
  const api = new OpenAPIBackend({ definition: file, quick: false, validate: true, strict: false });
  api.register({
    validationFail: (context: Context) => ({ status: 400, body: { error: 'the request does not match the API description', problems: (context.validation.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''}`.trim()) } }),
    notFound: () => ({ status: 404, body: { error: 'no operation of the API description has this path' } }),
    methodNotAllowed: () => ({ status: 405, body: { error: 'the API description has no operation with this method on this path' } }),
    notImplemented: (context: Context) => {
      const operationId = context.operation.operationId;
      const { status, mock } = operationId === undefined ? { status: 501, mock: undefined } : context.api.mockResponseForOperation(operationId);
      if (operationId === undefined) return { status: 501, body: { error: 'this operation has no operationId to mock it by' } };
      const valid = context.api.validateResponse(mock, context.operation, status);
      if (valid.errors && valid.errors.length > 0) {
        return { status: 500, body: { error: `the description's example for ${operationId} (${status}) does not match its own response schema`, problems: valid.errors.map((error) => `${error.instancePath || '/'} ${error.message ?? ''}`.trim()) } };
      }
      return { status, body: mock };
    },
  });
  await api.init();
  const server = createServer((request, response) => {
    void answer(api, request, response, record);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    exchanges: () => [...exchanges],
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function answer(api: OpenAPIBackend, request: IncomingMessage, response: ServerResponse, record: (exchange: MockExchange) => void): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  const method = (request.method ?? 'GET').toUpperCase();
  let status: number;
  let body: unknown;
  let operationId: string | undefined;
  try {
    const text = await readBody(request);
    const backendRequest: BackendRequest = {
      method,
      path: url.pathname,
      query: url.search.slice(1),
      headers: request.headers as Record<string, string | string[]>,
      ...(text !== '' && { body: parseBody(text, request.headers['content-type']) }),
    };
    operationId = api.matchOperation(backendRequest)?.operationId;
    const result = (await api.handleRequest(backendRequest)) as { status: number; body: unknown };
    status = result.status;
    body = result.body;
  } catch (error) {
    status = 400;
    body = { error: (error as Error).message };
  }
  const problem = status >= 400 && typeof body === 'object' && body !== null ? JSON.stringify(body) : undefined;
  record({ method, path: url.pathname, status, ...(operationId !== undefined && { operationId }), ...(problem !== undefined && { problem }) });
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(body === undefined ? '' : JSON.stringify(body));
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error(`the request body is larger than ${MAX_BODY_BYTES} bytes`));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function parseBody(text: string, contentType: string | undefined): unknown {
  if (contentType === undefined || /json/i.test(contentType)) {
    try {
      return JSON.parse(text);
    } catch {
      throw new Error('the request body is not JSON');
    }
  }
  return text;
}
