// What of an agent's transcript is sent with each request: the system prompt and the task always
// (the stable prefix that providers' prompt caches reuse), then the steps, with the results of old
// tool calls (and the content of old writes) replaced by a short note once the prompt would pass its
// token budget, and, when that is not enough, the oldest steps left out with one note saying so.
// Both only move forward and in strides (down to three quarters of the budget), so the prefix a
// cache holds stays the same for several steps, and per-request tokens stay flat however long the
// run. The newest steps are always sent whole.
import type { ChatMessage, ToolCall, ToolSpec } from '../core/ports';

/** Prompt tokens a request may take, estimated; the default fits a long run in a small context. */
export const DEFAULT_PROMPT_BUDGET_TOKENS = 6_000;
/** The most recent tool results are never elided, whatever the budget. */
const KEEP_RECENT_RESULTS = 4;
/** Once over budget, elide down to this share of it, so the next elision is several steps away. */
const ELIDE_DOWN_TO = 0.75;
/** A written file's content shorter than this stays in an old call: eliding it saves nothing. */
const SMALL_ARGUMENTS_CHARS = 200;

/**
 * A token estimate without a tokenizer (which costs a vocabulary load and time on every step):
 * o200k averages about four characters a token on English but nearer three on code dense with
 * numbers and short names (3.2 on a read_file result of `export const value1 = 1;` lines); three
 * errs on the large side for both, so the budget holds in the provider's tokens too.
 */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 3);
}

export class TranscriptWindow {
  /** Indexes of the transcript's messages sent as a note instead. */
  private readonly elided = new Set<number>();
  /** Messages after the task left out altogether (whole steps, oldest first), once eliding is not enough. */
  private dropped = 0;

  constructor(
    private readonly budgetTokens: number = DEFAULT_PROMPT_BUDGET_TOKENS,
    private readonly tools: readonly ToolSpec[] = [],
  ) {
    if (!Number.isFinite(budgetTokens) || budgetTokens <= 0) throw new Error(`The prompt budget must be a positive number of tokens, not ${budgetTokens}.`);
  }

  /** The messages to send for the next request. `transcript` is the whole conversation, left as it is. */
  view(transcript: readonly ChatMessage[]): ChatMessage[] {
    const fixedTokens = estimateTokens(JSON.stringify(this.tools));
    const size = () => fixedTokens + this.render(transcript).reduce((sum, message) => sum + messageTokens(message), 0);
    let total = size();
    if (total <= this.budgetTokens) return this.render(transcript);
    const target = this.budgetTokens * ELIDE_DOWN_TO;
    const keepFrom = this.keepFrom(transcript);
    for (let index = PREFIX + this.dropped; index < keepFrom && total > target; index++) {
      if (this.elided.has(index) || !elidable(transcript[index])) continue;
      this.elided.add(index);
      total = size();
    }
    // Still over: leave out whole steps, oldest first; a step is an assistant message and what follows it.
    while (total > target) {
      const next = nextStep(transcript, PREFIX + this.dropped);
      if (next >= keepFrom) break;
      this.dropped = next - PREFIX;
      total = size();
    }
    return this.render(transcript);
  }

  /** The first index of the newest steps, which are always sent whole. */
  private keepFrom(transcript: readonly ChatMessage[]): number {
    const results = transcript.flatMap((message, index) => (message.role === 'tool' ? [index] : []));
    const firstKept = results.length > KEEP_RECENT_RESULTS ? results[results.length - KEEP_RECENT_RESULTS] : (results[0] ?? transcript.length);
    // Back to the assistant message whose call that result answers (with no results yet, the newest reply).
    let index = Math.min(firstKept, transcript.length - 1);
    while (index > PREFIX && transcript[index].role !== 'assistant') index--;
    return index;
  }

  private render(transcript: readonly ChatMessage[]): ChatMessage[] {
    const sent = transcript.slice(0, PREFIX);
    if (this.dropped > 0) sent.push({ role: 'user', content: `[${countSteps(transcript, this.dropped)} earlier steps are left out to keep the prompt small; what they found may need looking up again.]` });
    for (let index = PREFIX + this.dropped; index < transcript.length; index++) sent.push(this.sendable(transcript[index], index));
    return sent;
  }

  private sendable(message: ChatMessage, index: number): ChatMessage {
    if (!this.elided.has(index)) return message;
    if (message.role === 'tool') {
      return { ...message, content: `[Elided to keep the prompt small: an earlier result of ${message.content.length} characters. Call the tool again if you still need it.]` };
    }
    if (message.role === 'assistant' && message.toolCalls) return { ...message, toolCalls: message.toolCalls.map(elidedCall) };
    return message;
  }
}

/** The system prompt and the task: always sent, never changed. */
const PREFIX = 2;

function elidable(message: ChatMessage): boolean {
  return message.role === 'tool' || (message.role === 'assistant' && (message.toolCalls ?? []).some((call) => call.arguments.length > SMALL_ARGUMENTS_CHARS));
}

/** The index of the assistant message after the step starting at `from`, or the transcript's length. */
function nextStep(transcript: readonly ChatMessage[], from: number): number {
  let index = from + 1;
  while (index < transcript.length && transcript[index].role !== 'assistant') index++;
  return index;
}

function countSteps(transcript: readonly ChatMessage[], dropped: number): number {
  return transcript.slice(PREFIX, PREFIX + dropped).filter((message) => message.role === 'assistant').length;
}

/** The call with its long string arguments (a written file's content, an edit's texts) replaced by a note. */
function elidedCall(call: ToolCall): ToolCall {
  if (call.arguments.length <= SMALL_ARGUMENTS_CHARS) return call;
  let args: unknown;
  try {
    args = JSON.parse(call.arguments);
  } catch {
    return { ...call, arguments: JSON.stringify({ elided: `${call.arguments.length} characters of arguments` }) };
  }
  if (typeof args !== 'object' || args === null || Array.isArray(args)) return call;
  const shortened = Object.fromEntries(
    Object.entries(args).map(([key, value]) => [key, typeof value === 'string' && value.length > SMALL_ARGUMENTS_CHARS ? `[elided: ${value.length} characters]` : value]),
  );
  return { ...call, arguments: JSON.stringify(shortened) };
}

function messageTokens(message: ChatMessage): number {
  // Each message costs a few tokens of framing besides its text.
  let text = message.content ?? '';
  if (message.role === 'assistant') for (const call of message.toolCalls ?? []) text += call.name + call.arguments;
  return 4 + estimateTokens(text);
}
