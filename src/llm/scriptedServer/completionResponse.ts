// Writes one scripted reply as a Chat Completions response, streamed (server-sent events) or whole,
// with the reply's faults: an error status, a stream or body cut off, paced or usage-less streams.
import type { ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { countCompletionTokens } from '../tokenCount';
import { sendError } from './httpJson';
import type { ReplyBody } from './scenario';

export interface CompletionContext {
  /** chatcmpl-scripted-N: one per request, also used for tool call ids. */
  readonly requestNumber: number;
  readonly model: string;
  readonly stream: boolean;
  readonly includeUsage: boolean;
  readonly promptTokens: number;
  /** Aborts when the client goes away, so nothing waits or writes for nobody. */
  readonly gone: AbortSignal;
}

interface WireToolCall {
  readonly id: string;
  readonly type: 'function';
  readonly function: { readonly name: string; readonly arguments: string };
}

const ARGUMENT_PIECE_LENGTH = 16;

export async function writeCompletion(response: ServerResponse, reply: ReplyBody, context: CompletionContext): Promise<void> {
  const fault = reply.fault ?? {};
  if (fault.delayMs && !(await pause(fault.delayMs, context.gone))) return;
  if (fault.status !== undefined) {
    const headers: Record<string, string> = {};
    if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
    if (fault.retryAfterMs !== undefined) headers['retry-after-ms'] = String(fault.retryAfterMs);
    const type = errorType(fault.status);
    sendError(response, fault.status, fault.message ?? `Scripted fault: HTTP ${fault.status}.`, type, fault.code ?? type, headers);
    return;
  }
  const toolCalls = (reply.toolCalls ?? []).map(
    (call, index): WireToolCall => ({
      id: call.id ?? `call_${context.requestNumber}_${index}`,
      type: 'function',
      function: { name: call.name, arguments: call.rawArguments ?? JSON.stringify(call.arguments) },
    }),
  );
  const content = reply.content ?? null;
  const finishReason = reply.finishReason ?? (toolCalls.length > 0 ? 'tool_calls' : 'stop');
  const completionTokens = await countCompletionTokens(content, toolCalls);
  const usage = { prompt_tokens: context.promptTokens, completion_tokens: completionTokens, total_tokens: context.promptTokens + completionTokens };
  const base = { id: `chatcmpl-scripted-${context.requestNumber}`, created: Math.floor(Date.now() / 1000), model: context.model };

  if (!context.stream) {
    const body = JSON.stringify({
      ...base,
      object: 'chat.completion',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content, refusal: null, ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}) },
          finish_reason: finishReason,
          logprobs: null,
        },
      ],
      ...(fault.omitUsage ? {} : { usage }),
    });
    if (fault.cutAfterChunks === undefined) {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(body);
      return;
    }
    // A whole reply has no chunks to count: cut it halfway through its body.
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    await write(response, body.slice(0, Math.floor(body.length / 2)));
    response.destroy();
    return;
  }

  const chunk = (delta: object, finish: string | null = null) => ({
    ...base,
    object: 'chat.completion.chunk',
    choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }],
  });
  const chunks: object[] = [chunk({ role: 'assistant', content: '' })];
  for (const piece of content?.match(/\S+\s*|\s+/g) ?? []) chunks.push(chunk({ content: piece }));
  toolCalls.forEach((call, index) => {
    chunks.push(chunk({ tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.function.name, arguments: '' } }] }));
    for (let start = 0; start < call.function.arguments.length; start += ARGUMENT_PIECE_LENGTH) {
      chunks.push(chunk({ tool_calls: [{ index, function: { arguments: call.function.arguments.slice(start, start + ARGUMENT_PIECE_LENGTH) } }] }));
    }
  });
  chunks.push(chunk({}, finishReason));
  if (context.includeUsage && !fault.omitUsage) chunks.push({ ...base, object: 'chat.completion.chunk', choices: [], usage });

  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  response.flushHeaders();
  for (const [index, data] of chunks.entries()) {
    if (index === fault.cutAfterChunks) return void response.destroy();
    if (index > 0 && fault.chunkDelayMs && !(await pause(fault.chunkDelayMs, context.gone))) return;
    if (context.gone.aborted) return;
    await write(response, `data: ${JSON.stringify(data)}\n\n`);
  }
  // Past its last chunk, a cut still drops the connection before [DONE].
  if (fault.cutAfterChunks !== undefined) return void response.destroy();
  response.end('data: [DONE]\n\n');
}

/** Waits; false when the client went away meanwhile. */
async function pause(ms: number, gone: AbortSignal): Promise<boolean> {
  try {
    await sleep(ms, undefined, { signal: gone });
    return true;
  } catch {
    return false;
  }
}

/** Writes and waits until it is handed to the socket, so a cut that follows drops only what comes after. */
function write(response: ServerResponse, data: string): Promise<void> {
  return new Promise((resolve) => response.write(data, () => resolve()));
}

function errorType(status: number): string {
  if (status === 401) return 'invalid_authentication';
  if (status === 403) return 'permission_denied';
  if (status === 429) return 'rate_limit_exceeded';
  return status >= 500 ? 'server_error' : 'invalid_request_error';
}
