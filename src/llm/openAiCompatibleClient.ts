// The ModelClient for any OpenAI-compatible endpoint (OpenAI, Azure OpenAI's /openai/v1, Ollama,
// LM Studio, vLLM, the scripted model server), through the openai package. The package's own
// retries are off: every retry is ours, bounded, and reported as an event.
import { DEFAULT_TIMEOUT_MS } from './modelDefaults';
import { setTimeout as sleepFor } from 'node:timers/promises';
import OpenAI from 'openai';
import type { ChatCompletionCreateParamsBase } from 'openai/resources/chat/completions';
import { ModelError, type ChatRequest, type ChatResponse, type Clock, type EventSink, type Logger, type ModelClient } from '../core/ports';
import type { AgentRole } from '../shared/agents';
import { estimateUsage, fromCompletion, toChatParams, type TokenLimitField, type WireReply } from './chatCompletionsFormat';
import { parseBaseUrl } from './endpoint';
import { isLoopbackEndpoint } from './localEndpoint';
import { classifyFailure, ReplyCutError } from './modelErrors';
import { modelForRole, validateModelChoice, type ModelChoice } from './modelChoice';
import { validatePrices } from '../shared/modelPricing';
import { callCostUsd, type PriceTable } from './pricing';
import { DEFAULT_RETRY_POLICY, validateRetryPolicy, withRetries, type RetryPolicy } from './retryLoop';
import { StreamAssembler } from './streamAssembler';

export interface OpenAiCompatibleClientOptions {
  /** e.g. https://api.openai.com/v1, https://NAME.openai.azure.com/openai/v1, http://127.0.0.1:11434/v1 */
  readonly baseUrl: string;
  /** The key, or how to read it for each call (so a key set later applies at once). */
  readonly apiKey?: string | (() => Promise<string | undefined>);
  /** Whether calls need a key. Default: yes, except for servers on this machine (loopback). */
  readonly requireApiKey?: boolean;
  /** Told to the person when the key is missing: how to set one. */
  readonly missingKeyHelp?: string;
  readonly models: ModelChoice;
  /** Without one, the client has no `embed`. */
  readonly embeddingModel?: string;
  readonly prices?: PriceTable;
  /** Per request (each attempt), streaming included. */
  readonly timeoutMs?: number;
  readonly retry?: Partial<RetryPolicy>;
  readonly tokenLimitField?: TokenLimitField;
  readonly events?: EventSink;
  readonly logger?: Logger;
  readonly clock?: Pick<Clock, 'now' | 'sleep'>;
}

/** A model call that has not finished in this long is cut off (each attempt, streaming included). */
const DEFAULT_MISSING_KEY_HELP = 'Set one with the command "Imperium: Set API Key"; it is kept in VS Code\'s secret storage, for this endpoint only.';
// The openai package insists on a key; a keyless local server gets this one, and no Authorization header.
const NO_KEY = 'no-key';

const systemClock: Pick<Clock, 'now' | 'sleep'> = {
  now: () => Date.now(),
  sleep: (ms, signal) => sleepFor(ms, undefined, signal ? { signal } : {}),
};

interface Connection {
  readonly key: string | undefined;
  readonly openai: OpenAI;
}

interface CallContext {
  /** The key the call is made with, to keep it out of any message. */
  readonly key: string | undefined;
  /** Who makes the call, for its retry events; undefined for embeddings. */
  readonly role: AgentRole | undefined;
  readonly signal: AbortSignal | undefined;
  readonly workflowId: string | undefined;
  readonly taskId: string | undefined;
}

export class OpenAiCompatibleClient implements ModelClient {
  /** Present only when an embedding model is configured, as ModelClient asks. */
  readonly embed?: (texts: readonly string[], signal?: AbortSignal) => Promise<number[][]>;

  private readonly baseUrl: string;
  private readonly endpoint: string;
  private readonly requireKey: boolean;
  private readonly timeoutMs: number;
  private readonly retry: RetryPolicy;
  private readonly prices: PriceTable;
  private readonly clock: Pick<Clock, 'now' | 'sleep'>;
  private connection: Connection | undefined;

  constructor(private readonly options: OpenAiCompatibleClientOptions) {
    const url = parseBaseUrl(options.baseUrl);
    this.baseUrl = url.href.replace(/\/+$/, '');
    this.endpoint = url.origin;
    this.requireKey = options.requireApiKey ?? !isLoopbackEndpoint(options.baseUrl);
    validateModelChoice(options.models);
    this.prices = validatePrices(options.prices ?? {});
    this.retry = validateRetryPolicy({ ...DEFAULT_RETRY_POLICY, ...options.retry });
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    if (!Number.isFinite(this.timeoutMs) || this.timeoutMs <= 0) throw new RangeError(`timeoutMs must be > 0, not ${this.timeoutMs}.`);
    this.clock = options.clock ?? systemClock;
    const embeddingModel = options.embeddingModel?.trim();
    if (embeddingModel) this.embed = (texts, signal) => this.embedTexts(embeddingModel, texts, signal);
  }

  async chat(request: ChatRequest): Promise<ChatResponse> {
    const model = modelForRole(this.options.models, request.role);
    const params = toChatParams(request, model, this.options.tokenLimitField ?? 'max_completion_tokens');
    const { openai, key } = await this.connect(request.signal);
    const context: CallContext = { key, role: request.role, signal: request.signal, workflowId: request.workflowId, taskId: request.taskId };
    const onText = request.onText;
    const reply = await this.retrying(context, (signal) =>
      onText ? this.streamOnce(openai, params, signal, onText) : this.completeOnce(openai, params, signal),
    );
    const usage = reply.usage ?? (await estimateUsage(params, reply));
    const costUsd = callCostUsd(usage, [model, reply.model], this.prices);
    this.options.events?.({
      type: 'tokens',
      agent: request.role,
      model: reply.model,
      usage,
      ...(costUsd === undefined ? {} : { costUsd }),
      ...ids(context),
    });
    return {
      content: reply.content,
      toolCalls: reply.toolCalls,
      finishReason: reply.finishReason,
      model: reply.model,
      usage,
      ...(costUsd === undefined ? {} : { costUsd }),
    };
  }

  private async completeOnce(openai: OpenAI, params: ChatCompletionCreateParamsBase, signal: AbortSignal): Promise<WireReply> {
    const completion = await openai.chat.completions.create({ ...params, stream: false }, this.requestOptions(signal)).catch(asCutReply(false));
    return fromCompletion(completion, params.model);
  }

  private async streamOnce(
    openai: OpenAI,
    params: ChatCompletionCreateParamsBase,
    signal: AbortSignal,
    onText: (delta: string) => void,
  ): Promise<WireReply> {
    const stream = await openai.chat.completions.create(
      { ...params, stream: true, stream_options: { include_usage: true } },
      this.requestOptions(signal),
    );
    const assembler = new StreamAssembler(onText);
    try {
      for await (const chunk of stream) assembler.add(chunk);
    } catch (error) {
      asCutReply(assembler.textShown)(error);
    }
    // The package ends the iteration quietly when the request is aborted; the signal tells.
    signal.throwIfAborted();
    return assembler.finish(params.model);
  }

  private async embedTexts(model: string, texts: readonly string[], signal: AbortSignal | undefined): Promise<number[][]> {
    if (texts.length === 0) return [];
    const { openai, key } = await this.connect(signal);
    const context: CallContext = { key, role: undefined, signal, workflowId: undefined, taskId: undefined };
    const response = await this.retrying(context, (attemptSignal) =>
      openai.embeddings.create({ model, input: [...texts], encoding_format: 'float' }, this.requestOptions(attemptSignal)),
    );
    const vectors = [...response.data].sort((a, b) => a.index - b.index).map((item) => item.embedding);
    if (vectors.length !== texts.length || vectors.some((vector) => !Array.isArray(vector))) {
      throw new ModelError('bad-response', `The model server at ${this.endpoint} returned ${vectors.length} embeddings for ${texts.length} texts.`);
    }
    return vectors;
  }

  private requestOptions(signal: AbortSignal) {
    return { signal, timeout: this.timeoutMs, maxRetries: 0 };
  }

  /**
   * Runs one request per attempt under its own timer, retrying what may pass. A caller's abort or
   * the timer ends the attempt at once, streaming included (the package's timeout stops at headers).
   */
  private async retrying<T>(context: CallContext, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
    let timedOut = false;
    const attempt = async (): Promise<T> => {
      timedOut = false;
      const timer = new AbortController();
      const handle = setTimeout(() => {
        timedOut = true;
        timer.abort();
      }, this.timeoutMs);
      try {
        return await run(context.signal ? AbortSignal.any([context.signal, timer.signal]) : timer.signal);
      } finally {
        clearTimeout(handle);
      }
    };
    return withRetries(attempt, {
      policy: this.retry,
      signal: context.signal,
      sleep: (ms, signal) => this.clock.sleep(ms, signal),
      classify: (error) =>
        classifyFailure(error, {
          endpoint: this.endpoint,
          canceled: context.signal?.aborted ?? false,
          timedOut,
          timeoutMs: this.timeoutMs,
          redact: (text) => (context.key ? text.split(context.key).join('[API key]') : text),
          now: this.clock.now(),
        }),
      onRetry: ({ attempt: retry, delayMs, reason }) => {
        this.options.logger?.warn(`Model call to ${this.endpoint} failed (${reason}); retry ${retry} in ${delayMs} ms.`);
        this.options.events?.({ type: 'retry', what: 'model-call', ...(context.role !== undefined && { agent: context.role }), attempt: retry, delayMs, reason, ...ids(context) });
      },
    });
  }

  /** The openai client for the current key; fails before any request when a needed key is missing. */
  private async connect(signal: AbortSignal | undefined): Promise<Connection> {
    if (signal?.aborted) throw new ModelError('canceled', 'The model call was canceled.');
    const key = await this.readKey();
    if (key === undefined && this.requireKey) {
      throw new ModelError('missing-key', `No API key is set for the model endpoint ${this.endpoint}. ${this.options.missingKeyHelp ?? DEFAULT_MISSING_KEY_HELP}`);
    }
    if (this.connection === undefined || this.connection.key !== key) {
      this.connection = {
        key,
        openai: new OpenAI({
          baseURL: this.baseUrl,
          apiKey: key ?? NO_KEY,
          // Explicit, so nothing is taken from OPENAI_* environment variables behind our back.
          adminAPIKey: null,
          organization: null,
          project: null,
          webhookSecret: null,
          maxRetries: 0,
          timeout: this.timeoutMs,
          ...(key === undefined ? { defaultHeaders: { Authorization: null } } : {}),
          ...(this.options.logger ? { logger: this.options.logger } : { logLevel: 'off' as const }),
        }),
      };
    }
    return this.connection;
  }

  private async readKey(): Promise<string | undefined> {
    const source = this.options.apiKey;
    let key: string | undefined;
    try {
      key = typeof source === 'function' ? await source() : source;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new ModelError('missing-key', `Could not read the API key for the model endpoint ${this.endpoint}: ${reason}`);
    }
    const trimmed = key?.trim();
    return trimmed ? trimmed : undefined;
  }
}

/**
 * Rethrows an error met while reading a reply. The openai package raises what the server said as
 * APIError and unparsable JSON as SyntaxError; anything else (undici's "terminated") is the
 * connection dropping mid-reply.
 */
function asCutReply(textShown: boolean): (error: unknown) => never {
  return (error) => {
    if (error instanceof OpenAI.APIError || error instanceof SyntaxError) throw error;
    throw new ReplyCutError(textShown, error);
  };
}

function ids(context: CallContext): { workflowId?: string; taskId?: string } {
  return {
    ...(context.workflowId === undefined ? {} : { workflowId: context.workflowId }),
    ...(context.taskId === undefined ? {} : { taskId: context.taskId }),
  };
}
