// Builds one reply from a Chat Completions stream: text deltas are passed on as they come, tool
// calls are put together from their pieces, and usage is taken from the last chunk when sent.
import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import { fallbackToolCallId, fromWireUsage, toFinishReason, type WireReply } from './chatCompletionsFormat';
import { ReplyCutError } from './modelErrors';

interface PartialToolCall {
  id: string;
  name: string;
  arguments: string;
}

export class StreamAssembler {
  private text = '';
  private sawText = false;
  private readonly toolCalls: PartialToolCall[] = [];
  private finishReason: string | undefined;
  private model: string | undefined;
  private usage: WireReply['usage'];

  constructor(private readonly onText: (delta: string) => void) {}

  /** Whether any text was passed on, after which a retry would show it twice. */
  get textShown(): boolean {
    return this.sawText;
  }

  add(chunk: ChatCompletionChunk): void {
    if (chunk.model) this.model = chunk.model;
    if (chunk.usage) this.usage = fromWireUsage(chunk.usage);
    const choice = chunk.choices?.[0];
    if (!choice) return;
    const delta = choice.delta ?? {};
    if (typeof delta.content === 'string' && delta.content !== '') {
      this.text += delta.content;
      this.sawText = true;
      this.onText(delta.content);
    }
    for (const part of delta.tool_calls ?? []) this.addToolCallPart(part);
    if (choice.finish_reason) this.finishReason = choice.finish_reason;
  }

  private addToolCallPart(part: ChatCompletionChunk.Choice.Delta.ToolCall): void {
    // A server that leaves out `index` sends each call whole: a part with an id starts a new call.
    const index = part.index ?? (part.id ? this.toolCalls.length : Math.max(0, this.toolCalls.length - 1));
    const call = (this.toolCalls[index] ??= { id: '', name: '', arguments: '' });
    if (part.id) call.id = part.id;
    // The name comes whole, in the call's first part; only the arguments come in pieces.
    if (part.function?.name && call.name === '') call.name = part.function.name;
    if (part.function?.arguments) call.arguments += part.function.arguments;
  }

  /** The reply, once the stream has ended; a stream that never said why it stopped was cut off. */
  finish(requestedModel: string): WireReply {
    if (this.finishReason === undefined) throw new ReplyCutError(this.sawText);
    return {
      content: this.sawText ? this.text : null,
      toolCalls: this.toolCalls
        .filter((call): call is PartialToolCall => call !== undefined)
        .map((call, index) => ({ id: call.id || fallbackToolCallId(index), name: call.name, arguments: call.arguments })),
      finishReason: toFinishReason(this.finishReason),
      model: this.model ?? requestedModel,
      ...(this.usage ? { usage: this.usage } : {}),
    };
  }
}
