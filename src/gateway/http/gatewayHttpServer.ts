// The gateway's HTTP + WebSocket API: bound to 127.0.0.1 only, every request behind the guard
// (Host, Origin, rate limit, bearer token), the routes over the command core, events over a
// WebSocket at /api/events, its own OpenAPI document at /api/openapi.json.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../../core/ports';
import type { GatewayCommands } from '../gatewayCommands';
import { routeRequest, sendJson } from './apiRoutes';
import { EventSocket } from './eventSocket';
import { openApiDocument } from './openApiDocument';
import { DEFAULT_RATE_LIMIT, type RateLimit, RequestGuard } from './requestGuard';

/** The only address the API listens on: this machine, never the network. */
export const LOOPBACK = '127.0.0.1';

export interface GatewayHttpOptions {
  readonly commands: GatewayCommands;
  readonly token: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly version: string;
  readonly logger: Logger;
  readonly rateLimit?: RateLimit;
}

export interface GatewayHttpServer {
  /** http://127.0.0.1:<port> */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

export async function startGatewayHttpServer(options: GatewayHttpOptions): Promise<GatewayHttpServer> {
  const guard = new RequestGuard(options.token, options.rateLimit ?? DEFAULT_RATE_LIMIT);
  const events = new EventSocket(options.commands, guard);
  let url = '';
  const context = { commands: options.commands, logger: options.logger, openApi: () => openApiDocument(url, options.version) };
  const server: Server = createServer((request, response) => {
    void (async () => {
      const refusal = await guard.check(request);
      if (refusal) return sendJson(response, refusal.status, { error: refusal.message }, refusal.headers);
      await routeRequest(request, response, context);
    })().catch((error: unknown) => {
      options.logger.error(`http: ${request.method} ${request.url} failed: ${String(error)}`);
      if (!response.headersSent) sendJson(response, 500, { error: 'the request failed inside the server.' });
      else response.destroy();
    });
  });
  server.on('upgrade', events.onUpgrade);
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: LOOPBACK, port: options.port, exclusive: true }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  guard.listeningOn(port);
  url = `http://${LOOPBACK}:${port}`;
  return {
    url,
    port,
    async close() {
      events.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
