// Token counts for Chat Completions messages, with OpenAI's o200k_base tokenizer (gpt-tokenizer, pure
// JavaScript, its vocabulary shipped in the package: nothing is downloaded at run time). The scripted
// model server reports usage with it, and the client estimates usage with it when a server sends none.
import type { TokenCounter } from '../core/ports';

type CountTokens = (text: string) => number;

// Loaded on first use: its vocabulary takes a good part of a second to load, which a client whose
// server reports usage (most do) should not pay at start-up.
let tokenizer: Promise<CountTokens> | undefined;

function loadTokenizer(): Promise<CountTokens> {
  tokenizer ??= import('gpt-tokenizer/encoding/o200k_base').then((module) => module.countTokens);
  return tokenizer;
}

/** The parts of a Chat Completions message that cost tokens; anything else on it is ignored. */
export interface CountableMessage {
  readonly role: string;
  readonly content?: unknown;
  readonly tool_calls?: readonly CountableToolCall[] | null;
}

export interface CountableToolCall {
  readonly type?: string;
  readonly function?: { readonly name?: string; readonly arguments?: string };
}

// OpenAI's published framing for chat models: every message is wrapped in three tokens, and the
// reply is primed with three more. Tool definitions are counted as their JSON text, which is close
// to (not exactly) what the server injects.
const TOKENS_PER_MESSAGE = 3;
const TOKENS_FOR_REPLY_PRIMING = 3;

export async function countTextTokens(text: string): Promise<number> {
  return (await loadTokenizer())(text);
}

export async function countPromptTokens(messages: readonly CountableMessage[], tools?: readonly unknown[]): Promise<number> {
  const count = await loadTokenizer();
  let total = TOKENS_FOR_REPLY_PRIMING;
  for (const message of messages) {
    total += TOKENS_PER_MESSAGE + count(message.role) + count(contentText(message.content));
    total += countToolCallTokens(count, message.tool_calls ?? []);
  }
  if (tools && tools.length > 0) total += count(JSON.stringify(tools));
  return total;
}

export async function countCompletionTokens(content: string | null, toolCalls: readonly CountableToolCall[]): Promise<number> {
  const count = await loadTokenizer();
  return count(content ?? '') + countToolCallTokens(count, toolCalls);
}

function countToolCallTokens(count: CountTokens, toolCalls: readonly CountableToolCall[]): number {
  let total = 0;
  for (const call of toolCalls) total += count(call.function?.name ?? '') + count(call.function?.arguments ?? '');
  return total;
}

/** The text of a message's content: a string, or the text parts of a content array. */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part: unknown) => (isTextPart(part) ? part.text : ''))
    .filter((text) => text !== '')
    .join('\n');
}

function isTextPart(part: unknown): part is { text: string } {
  return typeof part === 'object' && part !== null && typeof (part as { text?: unknown }).text === 'string';
}

/** The token counter the engine's context packing uses: this tokenizer, as the port asks. */
export const MODEL_TOKEN_COUNTER: TokenCounter = { count: countTextTokens };
