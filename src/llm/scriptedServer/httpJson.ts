// JSON over Node's http module, as an OpenAI-style API speaks it: bodies in, errors out as
// `{ "error": { "message", "type", "code" } }`.
import type { IncomingMessage, ServerResponse } from 'node:http';

export const MAX_BODY_BYTES = 16 * 1024 * 1024;

export class BadRequestBody extends Error {
  override readonly name = 'BadRequestBody';
  constructor(
    readonly status: 400 | 413,
    message: string,
  ) {
    super(message);
  }
}

/** The request's body as JSON; BadRequestBody when it is too large or not JSON. */
export async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const part of request) {
    const buffer = part as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new BadRequestBody(413, `The request body is larger than ${MAX_BODY_BYTES} bytes.`);
    parts.push(buffer);
  }
  const text = Buffer.concat(parts).toString('utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new BadRequestBody(400, `The request body is not valid JSON: ${(error as Error).message}`);
  }
}

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

export function sendError(
  response: ServerResponse,
  status: number,
  message: string,
  type: string,
  code: string = type,
  headers: Record<string, string> = {},
): void {
  sendJson(response, status, { error: { message, type, code, param: null } }, headers);
}
