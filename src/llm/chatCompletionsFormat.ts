// Our chat types (core/ports.ts) to and from the Chat Completions wire format.
import type {
  ChatCompletion,
  ChatCompletionCreateParamsBase,
  ChatCompletionMessageParam,
  ChatCompletionTool,
} from 'openai/resources/chat/completions';
import type { CompletionUsage } from 'openai/resources/completions';
import { ModelError, type ChatMessage, type ChatRequest, type ChatResponse, type ToolCall, type ToolSpec } from '../core/ports';
import type { TokenUsage } from '../shared/events';
import { countCompletionTokens, countPromptTokens } from './tokenCount';

/** OpenAI's reasoning models refuse `max_tokens`; some local servers know only that one. */
export type TokenLimitField = 'max_completion_tokens' | 'max_tokens';

/** A reply as read from the wire; usage is absent when the server sent none. */
export interface WireReply {
  readonly content: string | null;
  readonly toolCalls: readonly ToolCall[];
  readonly finishReason: ChatResponse['finishReason'];
  readonly model: string;
  readonly usage?: TokenUsage;
}

export function toChatParams(request: ChatRequest, model: string, tokenLimitField: TokenLimitField): ChatCompletionCreateParamsBase {
  return {
    model,
    messages: request.messages.map(toWireMessage),
    // The role goes out as `user`, so a server (ours, scripted) can tell the agents apart.
    user: request.role,
    ...(request.tools && request.tools.length > 0 ? { tools: request.tools.map(toWireTool) } : {}),
    ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
    ...(request.maxTokens === undefined ? {} : { [tokenLimitField]: request.maxTokens }),
  };
}

function toWireMessage(message: ChatMessage): ChatCompletionMessageParam {
  switch (message.role) {
    case 'system':
      return { role: 'system', content: message.content };
    case 'user':
      if (!message.images?.length) return { role: 'user', content: message.content };
      return { role: 'user', content: [{ type: 'text', text: message.content }, ...message.images.map((url) => ({ type: 'image_url' as const, image_url: { url } }))] };
    case 'tool':
      return { role: 'tool', tool_call_id: message.toolCallId, content: message.content };
    case 'assistant': {
      const toolCalls = message.toolCalls ?? [];
      if (toolCalls.length === 0) return { role: 'assistant', content: message.content ?? '' };
      return {
        role: 'assistant',
        content: message.content,
        tool_calls: toolCalls.map((call) => ({ id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } })),
      };
    }
  }
}

function toWireTool(tool: ToolSpec): ChatCompletionTool {
  return { type: 'function', function: { name: tool.name, description: tool.description, parameters: tool.parameters } };
}

export function fromCompletion(completion: ChatCompletion, requestedModel: string): WireReply {
  const choice = completion.choices?.[0];
  if (!choice) throw new ModelError('bad-response', 'The model server sent a reply without any choice in it.');
  const toolCalls = (choice.message.tool_calls ?? []).flatMap((call, index): ToolCall[] =>
    call.type === 'function' ? [{ id: call.id || fallbackToolCallId(index), name: call.function.name, arguments: call.function.arguments ?? '' }] : [],
  );
  return {
    content: choice.message.content ?? null,
    toolCalls,
    finishReason: toFinishReason(choice.finish_reason),
    model: completion.model || requestedModel,
    ...(completion.usage ? { usage: fromWireUsage(completion.usage) } : {}),
  };
}

export function toFinishReason(reason: string | null | undefined): ChatResponse['finishReason'] {
  switch (reason) {
    case 'stop':
    case 'tool_calls':
    case 'length':
    case 'content_filter':
      return reason;
    case 'function_call':
      return 'tool_calls';
    default:
      return 'other';
  }
}

export function fromWireUsage(usage: CompletionUsage): TokenUsage {
  const promptTokens = usage.prompt_tokens ?? 0;
  const completionTokens = usage.completion_tokens ?? 0;
  return { promptTokens, completionTokens, totalTokens: usage.total_tokens ?? promptTokens + completionTokens };
}

/** Some servers (several local ones, in streams) report no usage; then we count it ourselves. */
export async function estimateUsage(params: ChatCompletionCreateParamsBase, reply: WireReply): Promise<TokenUsage> {
  const promptTokens = await countPromptTokens(params.messages, params.tools);
  const completionTokens = await countCompletionTokens(
    reply.content,
    reply.toolCalls.map((call) => ({ function: { name: call.name, arguments: call.arguments } })),
  );
  return { promptTokens, completionTokens, totalTokens: promptTokens + completionTokens };
}

/** Servers that omit tool call ids still need one, so the tool's result can refer to its call. */
export function fallbackToolCallId(index: number): string {
  return `call_${index}`;
}
