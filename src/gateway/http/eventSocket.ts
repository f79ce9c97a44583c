// GET /api/events as a WebSocket (the `ws` package): the upgrade request passes the same guard as
// every other request (Host, Origin, rate limit, bearer token in the Authorization header), then
// each engine event goes to the client as one JSON text message, of one workflow with ?workflowId=.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { STATUS_CODES } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import type { GatewayCommands } from '../gatewayCommands';
import { eventFilterSchema, parseInput } from '../gatewaySchemas';
import type { GuardRefusal, RequestGuard } from './requestGuard';

/** A client that lets this much pile up unread is cut off rather than held in memory. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

export class EventSocket {
  private readonly server = new WebSocketServer({ noServer: true, maxPayload: 1024 });

  constructor(
    private readonly commands: GatewayCommands,
    private readonly guard: RequestGuard,
  ) {}

  /** The http server's 'upgrade' listener. */
  readonly onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    void this.upgrade(request, socket, head).catch(() => socket.destroy());
  };

  close(): void {
    for (const client of this.server.clients) client.terminate();
    this.server.close();
  }

  private async upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const refusal = await this.guard.check(request);
    if (refusal) return refuse(socket, refusal);
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/api/events') return refuse(socket, { status: 404, message: `there is no WebSocket at ${url.pathname}; events are at /api/events.` });
    const workflowId = url.searchParams.get('workflowId');
    const filter = parseInput(eventFilterSchema, workflowId === null ? {} : { workflowId });
    if (!filter.ok) return refuse(socket, { status: 400, message: filter.message });
    this.server.handleUpgrade(request, socket, head, (client) => this.follow(client, filter.value));
  }

  private follow(client: WebSocket, filter: { workflowId?: string }): void {
    const unsubscribe = this.commands.events(filter, (event) => {
      if (client.readyState !== client.OPEN) return;
      if (client.bufferedAmount > MAX_BUFFERED_BYTES) return client.close(1008, 'the client reads events too slowly');
      client.send(JSON.stringify(event));
    });
    client.on('close', unsubscribe);
    client.on('error', unsubscribe);
  }
}

function refuse(socket: Duplex, refusal: GuardRefusal | { status: 400 | 404; message: string; headers?: Record<string, string> }): void {
  const body = `${JSON.stringify({ error: refusal.message })}\n`;
  const headers = { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(Buffer.byteLength(body)), Connection: 'close', ...refusal.headers };
  socket.end(`HTTP/1.1 ${refusal.status} ${STATUS_CODES[refusal.status]}\r\n${Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('')}\r\n${body}`);
}
