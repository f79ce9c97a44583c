// A deadline for each call of a model client that has none of its own (a vscode.lm model): a reply
// not finished in time is canceled through the request's signal and reported as a ModelError
// ('timeout') that names the limit, the same as an OpenAI-compatible call cut off by its timeout.
import { ModelError, type ChatRequest, type ChatResponse, type ModelClient } from '../core/ports';

/** `limitName` says where the limit is set (a setting or a flag), for the error message. */
export function withCallDeadline(client: ModelClient, timeoutMs: number, limitName: string): ModelClient {
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new RangeError(`A model call's deadline must be a positive number of milliseconds, not ${timeoutMs}.`);
  const { embed } = client;
  return {
    chat: (request) => chatWithin(client, request, timeoutMs, limitName),
    ...(embed && { embed: (texts, signal) => embed.call(client, texts, signal) }),
  };
}

async function chatWithin(client: ModelClient, request: ChatRequest, timeoutMs: number, limitName: string): Promise<ChatResponse> {
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), timeoutMs);
  const signal = request.signal ? AbortSignal.any([request.signal, deadline.signal]) : deadline.signal;
  try {
    return await client.chat({ ...request, signal });
  } catch (error) {
    // Canceled by the deadline, not by the caller: say it was the time.
    if (deadline.signal.aborted && !request.signal?.aborted) {
      throw new ModelError('timeout', `The model did not finish its reply within ${Math.round(timeoutMs / 1000)} s (${limitName}).`);
    }
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
