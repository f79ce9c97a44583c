// The HTTP API's routes over the command core: each answers JSON, and each way a request can be
// wrong has its status (400 bad input, 404 no such thing, 405 wrong method, 409 not now).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../../core/ports';
import type { GatewayCommands } from '../gatewayCommands';
import { GatewayError } from '../gatewayError';
import { BodyError, readJsonBody } from './jsonBody';

export interface RouteContext {
  readonly commands: GatewayCommands;
  readonly logger: Logger;
  /** The OpenAPI document, built once the server knows its address. */
  readonly openApi: () => unknown;
}

type Handler = (request: IncomingMessage, params: Record<string, string>, context: RouteContext) => Promise<{ status: number; body: unknown; headers?: Record<string, string> }>;

interface Route {
  readonly pattern: RegExp;
  readonly methods: Readonly<Record<string, Handler>>;
}

const ROUTES: readonly Route[] = [
  {
    pattern: /^\/api\/workflows$/,
    methods: {
      GET: async (_request, _params, { commands }) => ({ status: 200, body: { modules: commands.modules(), workflows: commands.workflows() } }),
      POST: async (request, _params, { commands }) => {
        const started = await commands.start(await readJsonBody(request));
        return { status: 201, body: started, headers: { Location: `/api/workflows/${started.id}` } };
      },
    },
  },
  { pattern: /^\/api\/workflows\/(?<id>[^/]+)$/, methods: { GET: async (_request, { id }, { commands }) => ({ status: 200, body: await commands.status({ id }) }) } },
  { pattern: /^\/api\/workflows\/(?<id>[^/]+)\/report$/, methods: { GET: async (_request, { id }, { commands }) => ({ status: 200, body: await commands.report({ id }) }) } },
  {
    pattern: /^\/api\/workflows\/(?<id>[^/]+)\/cancel$/,
    methods: {
      POST: async (request, { id }, { commands }) => {
        const body = (await readJsonBody(request, { optional: true })) ?? {};
        if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new GatewayError('invalid-input', 'the body of a cancel request is an object with an optional "reason".');
        return { status: 200, body: await commands.cancel({ ...body, id }) };
      },
    },
  },
  { pattern: /^\/api\/events$/, methods: { GET: async () => ({ status: 426, body: { error: 'GET /api/events is a WebSocket: send an upgrade request.' }, headers: { Upgrade: 'websocket' } }) } },
  { pattern: /^\/api\/openapi\.json$/, methods: { GET: async (_request, _params, { openApi }) => ({ status: 200, body: openApi() }) } },
];

const STATUS_OF_ERROR = { 'invalid-input': 400, 'not-found': 404, conflict: 409 } as const;

export async function routeRequest(request: IncomingMessage, response: ServerResponse, context: RouteContext): Promise<void> {
  const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
  const route = ROUTES.find((candidate) => candidate.pattern.test(path));
  if (!route) return sendJson(response, 404, { error: `there is no route ${path}; GET /api/openapi.json lists them.` });
  const handler = route.methods[request.method ?? 'GET'];
  if (!handler) return sendJson(response, 405, { error: `${request.method} is not allowed on ${path}.` }, { Allow: Object.keys(route.methods).join(', ') });
  try {
    const params = Object.fromEntries(Object.entries(route.pattern.exec(path)?.groups ?? {}).map(([key, value]) => [key, decodedSegment(value)]));
    const { status, body, headers } = await handler(request, params, context);
    sendJson(response, status, body, headers);
  } catch (error) {
    if (error instanceof GatewayError) return sendJson(response, STATUS_OF_ERROR[error.code], { error: error.message });
    if (error instanceof BodyError) return sendJson(response, error.status, { error: error.message });
    context.logger.error(`http: ${request.method} ${path} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    sendJson(response, 500, { error: 'the request failed inside the server; its log says why.' });
  }
}

/** A path segment as sent, percent-decoded; a malformed escape ("%E0%A4%A", "%ZZ") is the caller's mistake. */
function decodedSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new GatewayError('invalid-input', `the path segment "${segment}" is not valid percent-encoding.`);
  }
}

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = `${JSON.stringify(body)}\n`;
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  response.end(text);
}
