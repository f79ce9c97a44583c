// How much of one model reply an agent keeps: the transcript is re-sent with later requests, so a
// reply of megabytes (a model that never stops, or a hostile endpoint) would be paid for again and
// again. Text past the cap is cut with a note; a tool call whose arguments are past theirs is not
// run, and only a note of its size stays.
import type { ChatResponse, ToolCall } from '../core/ports';

/** Characters of a reply's text kept: about 9,000 tokens, far more than a step's reasoning needs. */
export const MAX_REPLY_TEXT_CHARS = 32_000;
/**
 * Characters of one tool call's arguments: a whole file under the 1 MiB write cap fits, JSON
 * escapes included; more could never be written anyway.
 */
export const MAX_CALL_ARGUMENT_CHARS = 1_500_000;

export interface BoundedReply {
  readonly content: string | null;
  readonly toolCalls: readonly ToolCall[];
  /** Calls not to run, by id, with the result the model reads instead. */
  readonly refused: ReadonlyMap<string, string>;
}

export function boundReply(response: Pick<ChatResponse, 'content' | 'toolCalls'>): BoundedReply {
  const { content } = response;
  const keptContent =
    content !== null && content.length > MAX_REPLY_TEXT_CHARS
      ? `${content.slice(0, MAX_REPLY_TEXT_CHARS)}\n[${content.length - MAX_REPLY_TEXT_CHARS} more characters of this reply were left out: replies are kept to ${MAX_REPLY_TEXT_CHARS} characters.]`
      : content;
  const refused = new Map<string, string>();
  const toolCalls = response.toolCalls.map((call) => {
    if (call.arguments.length <= MAX_CALL_ARGUMENT_CHARS) return call;
    refused.set(
      call.id,
      `Not run: the call's arguments are ${call.arguments.length} characters, over the limit of ${MAX_CALL_ARGUMENT_CHARS} for one call. Write smaller files, or change a file with edit_file.`,
    );
    return { ...call, arguments: '{}' };
  });
  return { content: keptContent, toolCalls, refused };
}
