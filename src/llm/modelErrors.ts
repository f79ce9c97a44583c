// Turns whatever one model request threw into a ModelError a person can act on, and says whether
// trying again could help and how long the server asked us to wait.
import { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai';
import { ModelError } from '../core/ports';
import { retryAfterMs } from './retryAfter';

/** A reply whose connection dropped, or whose stream ended, before the server said it was finished. */
export class ReplyCutError extends Error {
  override readonly name = 'ReplyCutError';
  constructor(
    /** Whether some of its text had already been passed on; then it is not retried, or the text would show twice. */
    readonly textShown: boolean,
    cause?: unknown,
  ) {
    super('the reply was cut off before it finished', { cause });
  }
}

export interface AttemptFailure {
  readonly error: ModelError;
  readonly retryable: boolean;
  /** Short, for the retry event: what went wrong with this attempt. */
  readonly reason: string;
  /** What the server asked for with Retry-After, when it did. */
  readonly retryAfterMs?: number;
}

export interface FailureContext {
  /** The origin of the endpoint, for messages. */
  readonly endpoint: string;
  /** The caller's signal aborted. */
  readonly canceled: boolean;
  /** Our per-call timer fired. */
  readonly timedOut: boolean;
  readonly timeoutMs: number;
  /** Removes the API key from any text that might echo it. */
  readonly redact: (text: string) => string;
  readonly now: number;
}

export function classifyFailure(error: unknown, context: FailureContext): AttemptFailure {
  const { endpoint, redact } = context;
  const final = (code: ModelError['code'], message: string, reason: string, status?: number): AttemptFailure => ({
    error: new ModelError(code, redact(message), status),
    retryable: false,
    reason: redact(reason),
  });
  const retryable = (code: ModelError['code'], message: string, reason: string, status?: number, waitMs?: number): AttemptFailure => ({
    ...final(code, message, reason, status),
    retryable: true,
    ...(waitMs === undefined ? {} : { retryAfterMs: waitMs }),
  });

  // Checked first: an abort surfaces from the SDK in several shapes, but only the signals know why.
  if (context.canceled) return final('canceled', 'The model call was canceled.', 'canceled');
  if (context.timedOut || error instanceof APIConnectionTimeoutError) {
    return final('timeout', `The model server at ${endpoint} did not answer within ${context.timeoutMs} ms.`, 'timed out');
  }
  if (error instanceof ReplyCutError) {
    const message = `The model server at ${endpoint} cut the reply off before it finished${describeCause(error.cause)}.`;
    return error.textShown
      ? final('network', `${message} Not retried, because part of the reply had already been shown.`, 'reply cut off')
      : retryable('network', message, 'reply cut off');
  }
  if (error instanceof APIConnectionError) {
    return retryable('network', `Could not reach the model server at ${endpoint}${describeCause(error.cause)}.`, `network error${describeCause(error.cause)}`);
  }
  if (error instanceof APIError && typeof error.status === 'number') {
    return classifyStatus(error, error.status, context, final, retryable);
  }
  if (error instanceof SyntaxError) {
    return final('bad-response', `The model server at ${endpoint} sent a reply that is not valid JSON: ${error.message}`, 'bad response');
  }
  if (error instanceof ModelError) return { error: new ModelError(error.code, redact(error.message), error.status), retryable: false, reason: error.code };
  const message = error instanceof Error ? error.message : String(error);
  return final('bad-response', `The model call to ${endpoint} failed: ${message}`, 'unexpected error');
}

type Build = (code: ModelError['code'], message: string, reason: string, status?: number, waitMs?: number) => AttemptFailure;

function classifyStatus(error: APIError, status: number, context: FailureContext, final: Build, retryable: Build): AttemptFailure {
  const { endpoint } = context;
  const said = serverMessage(error);
  if (status === 401 || status === 403) {
    return final(
      'auth',
      `The model server at ${endpoint} refused the API key (HTTP ${status}${said}). Check the key set for this endpoint, and that it may use the model.`,
      `HTTP ${status}`,
      status,
    );
  }
  const waitMs = retryAfterMs(error.headers ?? undefined, context.now);
  if (status === 429) {
    // A spent quota comes as a 429 too, but waiting does not refill it.
    if (error.code === 'insufficient_quota') {
      return final('rate-limited', `The account behind the API key for ${endpoint} has no quota left${said}.`, 'quota exhausted', status);
    }
    return retryable('rate-limited', `The model server at ${endpoint} is rate limiting requests (HTTP 429${said}).`, 'HTTP 429 rate limited', status, waitMs);
  }
  if (status >= 500) {
    return retryable('server', `The model server at ${endpoint} failed (HTTP ${status}${said}).`, `HTTP ${status} server error`, status, waitMs);
  }
  return final('bad-request', `The model server at ${endpoint} rejected the request (HTTP ${status}${said}).`, `HTTP ${status}`, status);
}

function serverMessage(error: APIError): string {
  const body = error.error as { message?: unknown } | undefined;
  const text = typeof body?.message === 'string' ? body.message.trim().replace(/\.$/, '') : '';
  return text === '' ? '' : `: ${text}`;
}

/** The innermost cause worth showing (e.g. ECONNREFUSED), as ": ..." or nothing. */
function describeCause(cause: unknown): string {
  let current = cause;
  let text = '';
  for (let depth = 0; current instanceof Error && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    text = typeof code === 'string' ? code : current.message;
    current = current.cause;
  }
  return text === '' ? '' : `: ${text}`;
}
