// A small HTTP and WebSocket client for the gateway's tests, on node:http and `ws`, so a test can
// send any Host and Origin header a browser or a rebinding page would.
import { request as httpRequest } from 'node:http';
import WebSocket from 'ws';

export interface HttpAnswer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: unknown;
}

export function call(url: string, options: { method?: string; headers?: Record<string, string>; body?: unknown; rawBody?: string } = {}): Promise<HttpAnswer> {
  const text = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const headers = { ...(text !== undefined && options.rawBody === undefined && { 'Content-Type': 'application/json' }), ...options.headers };
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method: options.method ?? 'GET', headers }, (response) => {
      let data = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (data += chunk));
      response.on('end', () => {
        let body: unknown = data;
        try {
          body = JSON.parse(data) as unknown;
        } catch {
          // Not JSON: the test sees the text.
        }
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body });
      });
    });
    request.on('error', reject);
    request.end(text);
  });
}

/** Opens a WebSocket; resolves once open, or rejects with the HTTP status the upgrade was refused with. */
export function openSocket(url: string, headers: Record<string, string>): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers });
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_request, response) => {
      reject(Object.assign(new Error(`the upgrade was refused with ${response.statusCode}`), { status: response.statusCode }));
      socket.terminate();
    });
    socket.once('error', (error) => reject(error));
  });
}
