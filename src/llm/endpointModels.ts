// The models an OpenAI-compatible endpoint lists (GET {baseUrl}/models through the openai package),
// for the model picker. Every way it can fail becomes one sentence a person can act on.
import OpenAI from 'openai';
import { parseBaseUrl } from './endpoint';
import { isLoopbackEndpoint } from './localEndpoint';

export class EndpointModelsError extends Error {
  override readonly name = 'EndpointModelsError';

  constructor(
    message: string,
    /** What would fix it: a key to store, or an endpoint that answers. */
    readonly kind: 'no-key' | 'refused-key' | 'unreachable' | 'failed',
  ) {
    super(message);
  }
}

export interface EndpointModelsRequest {
  readonly baseUrl: string;
  readonly apiKey: string | undefined;
  /** Default 10 s: a picker should not wait a model call's minute. */
  readonly timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/** The ids of the endpoint's models, sorted; rejects with an EndpointModelsError. */
export async function listEndpointModels(request: EndpointModelsRequest): Promise<string[]> {
  const url = parseBaseUrl(request.baseUrl);
  const key = request.apiKey?.trim() || undefined;
  if (key === undefined && !isLoopbackEndpoint(request.baseUrl)) {
    throw new EndpointModelsError(`No API key is set for ${url.origin}: run "Imperium: Set API Key" to list its models.`, 'no-key');
  }
  const client = new OpenAI({
    baseURL: request.baseUrl,
    apiKey: key ?? 'no-key',
    // Explicit, so nothing is taken from OPENAI_* environment variables behind our back.
    adminAPIKey: null,
    organization: null,
    project: null,
    webhookSecret: null,
    maxRetries: 0,
    timeout: request.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    logLevel: 'off',
    ...(key === undefined ? { defaultHeaders: { Authorization: null } } : {}),
  });
  const ids: string[] = [];
  try {
    for await (const model of client.models.list()) ids.push(model.id);
  } catch (error) {
    throw describeFailure(error, request.baseUrl);
  }
  return [...new Set(ids)].sort((a, b) => a.localeCompare(b));
}

function describeFailure(error: unknown, baseUrl: string): EndpointModelsError {
  if (error instanceof OpenAI.APIConnectionTimeoutError) return new EndpointModelsError(`The endpoint ${baseUrl} did not answer in time: is it running?`, 'unreachable');
  if (error instanceof OpenAI.APIConnectionError) {
    const cause = errorCode(error) ?? error.message;
    return new EndpointModelsError(`The endpoint ${baseUrl} does not answer (${cause}): is it running, and is imperium.model.baseUrl right?`, 'unreachable');
  }
  if (error instanceof OpenAI.AuthenticationError || error instanceof OpenAI.PermissionDeniedError) {
    return new EndpointModelsError(`The endpoint ${baseUrl} refused the API key (HTTP ${error.status}): run "Imperium: Set API Key" to store a valid one.`, 'refused-key');
  }
  if (error instanceof OpenAI.APIError) {
    return new EndpointModelsError(`The endpoint ${baseUrl} could not list its models (HTTP ${error.status ?? 'error'}): ${error.message}`, 'failed');
  }
  return new EndpointModelsError(`The endpoint ${baseUrl} could not list its models: ${error instanceof Error ? error.message : String(error)}`, 'failed');
}

/** The system error code (ECONNREFUSED, ENOTFOUND) somewhere down the error's causes. */
function errorCode(error: unknown): string | undefined {
  for (let current: unknown = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth++) {
    const { code } = current as { code?: unknown };
    if (typeof code === 'string') return code;
  }
  return undefined;
}
