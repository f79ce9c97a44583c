// Reads a request's JSON body, bounded in size, with an HTTP status for each way it can be wrong.
import type { IncomingMessage } from 'node:http';

export const MAX_BODY_BYTES = 64 * 1024;

export class BodyError extends Error {
  override readonly name = 'BodyError';

  constructor(
    readonly status: 400 | 413 | 415,
    message: string,
  ) {
    super(message);
  }
}

/** The parsed body; undefined when there is none and `optional`. */
export async function readJsonBody(request: IncomingMessage, options: { readonly optional?: boolean } = {}): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BodyError(413, `the body is larger than ${MAX_BODY_BYTES} bytes.`);
    chunks.push(chunk as Buffer);
  }
  if (size === 0) {
    if (options.optional) return undefined;
    throw new BodyError(400, 'the body is empty; send a JSON object.');
  }
  const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') throw new BodyError(415, `the body must be application/json, not "${type || 'unnamed'}".`);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch (error) {
    throw new BodyError(400, `the body is not valid JSON: ${(error as Error).message}`);
  }
}
