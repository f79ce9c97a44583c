// The model client as the healing layer needs it: it shows the doom-loop detector each tool call
// with the result the model read back (both are in the next request's transcript), and it sends a
// workflow's calls to the fallback model while the retry ladder has switched that workflow over.
import type { ChatMessage, ChatRequest, ChatResponse, Clock, ModelClient, ToolCall } from '../ports';
import type { HealingMonitor } from './healingMonitor';

/** What the retry ladder may do about models. */
export interface FallbackControl {
  /** Whether a fallback model is configured. */
  readonly available: boolean;
  /** Sends the workflow's model calls to the fallback model. */
  use(workflowId: string): void;
  /** Sends them to the usual model again. */
  release(workflowId: string): void;
}

export interface WatchedModelClientOptions {
  readonly monitor?: HealingMonitor;
  /** A client for the fallback model (its own model choice, maybe its own endpoint). */
  readonly fallback?: ModelClient;
  readonly clock: Pick<Clock, 'now'>;
}

export class WatchedModelClient implements ModelClient, FallbackControl {
  readonly embed?: (texts: readonly string[], signal?: AbortSignal) => Promise<number[][]>;
  private readonly onFallback = new Set<string>();
  /** Tool call ids already shown to the detector, per workflow and task: a retried request repeats them. */
  private readonly seen = new Map<string, Set<string>>();

  constructor(
    private readonly primary: ModelClient,
    private readonly options: WatchedModelClientOptions,
  ) {
    const embed = primary.embed;
    if (embed) this.embed = (texts, signal) => embed.call(primary, texts, signal);
  }

  get available(): boolean {
    return this.options.fallback !== undefined;
  }

  use(workflowId: string): void {
    if (!this.options.fallback) throw new Error('No fallback model is configured.');
    this.onFallback.add(workflowId);
  }

  release(workflowId: string): void {
    this.onFallback.delete(workflowId);
  }

  chat(request: ChatRequest): Promise<ChatResponse> {
    this.observe(request);
    const fallback = this.options.fallback;
    const client = fallback && request.workflowId !== undefined && this.onFallback.has(request.workflowId) ? fallback : this.primary;
    return client.chat(request);
  }

  /** Shows the detector the latest round of tool calls and their results, once each. */
  private observe(request: ChatRequest): void {
    const { monitor } = this.options;
    if (!monitor || request.workflowId === undefined) return;
    const key = `${request.workflowId}\u0000${request.taskId ?? ''}`;
    let seen = this.seen.get(key);
    if (!seen) this.seen.set(key, (seen = new Set()));
    for (const { call, result } of latestRound(request.messages)) {
      if (seen.has(call.id)) continue;
      seen.add(call.id);
      monitor.observeToolCall({
        workflowId: request.workflowId,
        ...(request.taskId !== undefined && { taskId: request.taskId }),
        agent: request.role,
        tool: call.name,
        arguments: call.arguments,
        result,
        at: this.options.clock.now(),
      });
    }
  }
}

/** The calls of the last assistant message that made any, each with the tool message answering it. */
function latestRound(messages: readonly ChatMessage[]): { call: ToolCall; result: string }[] {
  for (let index = messages.length - 1; index >= 0; index--) {
    const message = messages[index];
    if (message.role !== 'assistant' || !message.toolCalls?.length) continue;
    const results = new Map<string, string>();
    for (const later of messages.slice(index + 1)) if (later.role === 'tool') results.set(later.toolCallId, later.content);
    return message.toolCalls.flatMap((call) => {
      const result = results.get(call.id);
      return result === undefined ? [] : [{ call, result }];
    });
  }
  return [];
}
