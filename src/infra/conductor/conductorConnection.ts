// One connection to a Conductor server: the address checked, the server asked for its health
// before anything else (so a wrong address fails at once, naming it), and the SDK's client built
// over the global fetch, with the token, when one is configured, in Conductor's X-Authorization
// header.
import { type Client, type ConductorLogger, createConductorClient } from '@io-orkes/conductor-javascript';
import type { Logger } from '../../core/ports';

export type ConductorClient = Client;

export interface ConductorConnectionOptions {
  /** The server's address, without /api (http://127.0.0.1:8080). */
  readonly url: string;
  /** Sent as X-Authorization, for a server (or the proxy in front of it) that asks for one. */
  readonly token?: string;
  readonly logger: Logger;
  /** How long one request may take; default 10 s. */
  readonly requestTimeoutMs?: number;
  readonly env?: NodeJS.ProcessEnv;
  /** The fetch underneath (default the global one); the tests put a faulty network here. */
  readonly fetch?: typeof fetch;
}

/** The server did not answer: the message names the address, so a person can correct it. */
export class ConductorUnreachableError extends Error {
  override readonly name = 'ConductorUnreachableError';
  constructor(
    readonly url: string,
    detail: string,
  ) {
    super(`Conductor unreachable at ${url}: ${detail}. Start the server, or set the right address (imperium.conductor.url, --conductor-url).`);
  }
}

/** The address or the environment is wrong in a way no retry fixes. */
export class ConductorConfigurationError extends Error {
  override readonly name = 'ConductorConfigurationError';
}

export interface ConductorConnection {
  readonly url: string;
  readonly client: ConductorClient;
  /** Resolves when the server answers its health check; rejects with ConductorUnreachableError. */
  checkHealth(): Promise<void>;
  /** One call to the REST API (path under /api) the SDK has no method for; resolves with its JSON (or plain text) answer, rejects with the server's answer. */
  request(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<unknown>;
}

export function normalizeConductorUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConductorConfigurationError(`"${url}" is not a Conductor server address; expected one like http://127.0.0.1:8080.`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new ConductorConfigurationError(`"${url}" is not an http or https address.`);
  return parsed.href.replace(/\/+$/, '').replace(/\/api$/, '');
}

export async function connectConductor(options: ConductorConnectionOptions): Promise<ConductorConnection> {
  const url = normalizeConductorUrl(options.url);
  const env = options.env ?? process.env;
  // The SDK lets CONDUCTOR_SERVER_URL win over the address it is given; a silent switch of servers
  // would run the workflow somewhere the user did not ask for.
  const fromEnv = env.CONDUCTOR_SERVER_URL;
  if (fromEnv && normalizeConductorUrl(fromEnv) !== url) {
    throw new ConductorConfigurationError(`CONDUCTOR_SERVER_URL=${fromEnv} in the environment would override the configured Conductor address ${url}; unset it or make the two agree.`);
  }
  const timeoutMs = options.requestTimeoutMs ?? 10_000;
  const baseFetch = options.fetch ?? fetch;
  const authorizedFetch: typeof fetch = (input, init) => {
    if (options.token === undefined) return baseFetch(input, init);
    const headers = new Headers(input instanceof Request ? input.headers : undefined);
    new Headers(init?.headers).forEach((value, name) => headers.set(name, value));
    headers.set('X-Authorization', options.token);
    return baseFetch(input, { ...init, headers });
  };
  const checkHealth = async (): Promise<void> => {
    let response: Response;
    try {
      response = await authorizedFetch(`${url}/health`, { signal: AbortSignal.timeout(Math.min(timeoutMs, 5_000)) });
    } catch (error) {
      throw new ConductorUnreachableError(url, describeFetchError(error));
    }
    if (!response.ok) throw new ConductorUnreachableError(url, `its health check answered HTTP ${response.status}`);
  };
  const request = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const response = await authorizedFetch(`${url}/api${path}`, {
      method,
      signal: AbortSignal.timeout(timeoutMs),
      ...(body !== undefined && { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} /api${path} answered HTTP ${response.status}: ${text.slice(0, 500)}`);
    if (text === '') return undefined;
    // Some routes answer with a bare id as text/plain (a task update, a workflow start).
    return (response.headers.get('content-type') ?? '').includes('json') ? (JSON.parse(text) as unknown) : text;
  };
  await checkHealth();
  const client = await createConductorClient({ serverUrl: url, logger: sdkLogger(options.logger), requestTimeoutMs: timeoutMs }, authorizedFetch);
  return { url, client, checkHealth, request };
}

export function describeFetchError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  const code = typeof cause === 'object' && cause !== null ? (cause as { code?: unknown }).code : undefined;
  if (error.name === 'TimeoutError') return 'no answer in time';
  if (typeof code === 'string') return `${error.message} (${code})`;
  // fetch refuses some ports outright ("bad port"), with no code: say that rather than "fetch failed".
  return cause instanceof Error && cause.message !== '' ? `${error.message} (${cause.message})` : error.message;
}

/** The SDK logs every failed poll; our engine reports the outage itself, once, so its lines go to debug. */
function sdkLogger(logger: Logger): ConductorLogger {
  const line = (args: unknown[]) => `conductor sdk: ${args.map((arg) => (arg instanceof Error ? arg.message : typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' ')}`;
  return {
    info: (...args) => logger.debug(line(args)),
    debug: (...args) => logger.debug(line(args)),
    warn: (...args) => logger.debug(line(args)),
    error: (...args) => logger.debug(line(args)),
  };
}
