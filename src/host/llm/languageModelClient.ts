// The ModelClient over VS Code's Language Model API (vscode.lm): models other extensions offer, such
// as GitHub Copilot, with no key of ours. Native tool calling; the reply always streams, and text
// deltas go to onText as they arrive.
//
// vscode.lm reports no token usage, so usage is counted: the prompt messages, the tools (as JSON)
// and the reply, each with the model's own countTokens. Temperature and maxTokens are not sent:
// vscode.lm has no field for them (its modelOptions mean something different to each provider).
import * as vscode from 'vscode';
import { type ChatRequest, type ChatResponse, type EventSink, type Logger, type ModelClient, type ToolCall } from '../../core/ports';
import { fallbackToolCallId } from '../../llm/chatCompletionsFormat';
import type { AgentRole } from '../../shared/agents';
import type { TokenUsage } from '../../shared/events';
import { canceledError, toModelError } from './languageModelErrors';
import { toLanguageModelMessages, toLanguageModelTools } from './languageModelMessages';
import { describeOffered, modelLabel, selectModel } from './modelSelection';
import { argumentsText } from './toolCallInput';
import { IMPERIUM_LM_VENDOR } from './imperiumVendor';

/** The models other extensions offer: Imperium's own provider is its own endpoint, not another model. */
async function offeredModels(): Promise<vscode.LanguageModelChat[]> {
  return (await vscode.lm.selectChatModels()).filter((model) => model.vendor !== IMPERIUM_LM_VENDOR);
}

export interface LanguageModelClientOptions {
  /** The model a role talks to, by id, family or "vendor/id"; undefined means the first one offered. */
  modelFor(role: AgentRole): string | undefined;
  readonly events: EventSink;
  readonly logger: Logger;
}

interface Reply {
  readonly text: string;
  readonly toolCalls: readonly ToolCall[];
}

export class LanguageModelClient implements ModelClient {
  constructor(private readonly options: LanguageModelClientOptions) {}

  async chat(request: ChatRequest): Promise<ChatResponse> {
    const { signal } = request;
    if (signal?.aborted) throw canceledError();
    const model = selectModel(await offeredModels(), this.options.modelFor(request.role), request.role);
    const label = modelLabel(model);
    const messages = toLanguageModelMessages(request.messages);
    const tools = request.tools && request.tools.length > 0 ? toLanguageModelTools(request.tools) : undefined;

    const cancellation = new vscode.CancellationTokenSource();
    const cancel = () => cancellation.cancel();
    signal?.addEventListener('abort', cancel, { once: true });
    let reply: Reply;
    try {
      // It may have aborted while the model was chosen, before the listener was there.
      signal?.throwIfAborted();
      const response = await model.sendRequest(
        messages,
        { justification: `Imperium Flow's ${request.role} works on your workspace with this model.`, ...(tools ? { tools } : {}) },
        cancellation.token,
      );
      reply = await readReply(response, request.onText);
      // A canceled stream may simply end; the signal tells.
      if (signal?.aborted) throw canceledError();
    } catch (error) {
      throw await toModelError(error, { model: label, canceled: signal?.aborted ?? false, offered: () => offeredNow() });
    } finally {
      signal?.removeEventListener('abort', cancel);
      cancellation.dispose();
    }

    const usage = await this.countUsage(model, messages, tools, reply, label);
    this.options.logger.debug(
      `vscode.lm ${label} for ${request.role}: ${usage.promptTokens} prompt + ${usage.completionTokens} completion tokens (counted; vscode.lm reports none).`,
    );
    this.options.events({
      type: 'tokens',
      agent: request.role,
      model: label,
      usage,
      ...(request.workflowId === undefined ? {} : { workflowId: request.workflowId }),
      ...(request.taskId === undefined ? {} : { taskId: request.taskId }),
    });
    return {
      content: reply.text === '' ? null : reply.text,
      toolCalls: reply.toolCalls,
      finishReason: reply.toolCalls.length > 0 ? 'tool_calls' : 'stop',
      model: label,
      usage,
    };
  }

  /** Usage by the model's own tokenizer. A count that fails costs the numbers, never the reply: it is logged and left at 0. */
  private async countUsage(
    model: vscode.LanguageModelChat,
    messages: readonly vscode.LanguageModelChatMessage[],
    tools: readonly vscode.LanguageModelChatTool[] | undefined,
    reply: Reply,
    label: string,
  ): Promise<TokenUsage> {
    // The reply as text: its tool calls' arguments may be malformed, and are counted as the model sent them.
    const replyText = [reply.text, ...reply.toolCalls.map((call) => `${call.name} ${call.arguments}`)].filter((text) => text !== '').join('\n');
    try {
      const [prompt, toolTokens, completionTokens] = await Promise.all([
        Promise.all(messages.map((message) => model.countTokens(message))),
        tools ? model.countTokens(JSON.stringify(tools)) : 0,
        replyText === '' ? 0 : model.countTokens(replyText),
      ]);
      const promptTokens = prompt.reduce((sum, count) => sum + count, toolTokens);
      return { promptTokens, completionTokens, totalTokens: promptTokens + completionTokens };
    } catch (error) {
      this.options.logger.warn(`vscode.lm ${label} could not count tokens, so this call's usage shows as 0: ${error instanceof Error ? error.message : String(error)}`);
      return { promptTokens: 0, completionTokens: 0, totalTokens: 0 };
    }
  }
}

/** Reads the streamed reply: text (passed on as it comes) and tool calls; other parts carry nothing the agents use. */
async function readReply(response: vscode.LanguageModelChatResponse, onText: ((delta: string) => void) | undefined): Promise<Reply> {
  let text = '';
  const toolCalls: ToolCall[] = [];
  for await (const part of response.stream) {
    if (part instanceof vscode.LanguageModelTextPart) {
      text += part.value;
      onText?.(part.value);
    } else if (part instanceof vscode.LanguageModelToolCallPart) {
      toolCalls.push({ id: part.callId || fallbackToolCallId(toolCalls.length), name: part.name, arguments: argumentsText(part.input) });
    }
  }
  return { text, toolCalls };
}

async function offeredNow(): Promise<string> {
  try {
    return describeOffered(await offeredModels());
  } catch {
    return 'unknown (the list of models could not be read)';
  }
}
