// Test double for the ModelClient port: answers each chat call with the next scripted reply (or a
// function of the request), and keeps every request so a test can read what the model was shown.
import type { ChatRequest, ChatResponse, ModelClient, ToolCall } from '../../../src/core/ports';

export type ScriptedReply = Partial<ChatResponse> | ((request: ChatRequest) => Partial<ChatResponse> | Promise<Partial<ChatResponse>>);

export class ScriptedModelClient implements ModelClient {
  readonly requests: ChatRequest[] = [];
  private next = 0;

  constructor(private readonly replies: readonly ScriptedReply[]) {}

  async chat(request: ChatRequest): Promise<ChatResponse> {
    // A snapshot: the loop keeps appending to the array it passed.
    this.requests.push({ ...request, messages: [...request.messages] });
    const reply = this.replies[Math.min(this.next++, this.replies.length - 1)];
    const partial = typeof reply === 'function' ? await reply(request) : reply;
    return {
      content: null,
      toolCalls: [],
      finishReason: partial.toolCalls?.length ? 'tool_calls' : 'stop',
      model: 'scripted',
      usage: { promptTokens: 100, completionTokens: 10, totalTokens: 110 },
      ...partial,
    };
  }
}

let callCount = 0;

/** A tool call as the model would send it; `args` is JSON-encoded unless it is already text. */
export function call(name: string, args: unknown = {}): ToolCall {
  return { id: `call_${++callCount}`, name, arguments: typeof args === 'string' ? args : JSON.stringify(args) };
}

/** A reply calling these tools. */
export function calls(...toolCalls: ToolCall[]): Partial<ChatResponse> {
  return { toolCalls };
}
