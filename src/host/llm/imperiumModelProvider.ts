// Imperium's configured model as a vscode.lm provider, so the Chat view has a model (and calls
// @imperium) without GitHub Copilot: the OpenAI-compatible endpoint of imperium.model.baseUrl with
// its key from SecretStorage and the model imperium.model.name. With imperium.model.provider set to
// "vscode-lm" another extension offers the models, and this provider offers none (the agents would
// otherwise be offered their own endpoint twice, or themselves).
import * as vscode from 'vscode';
import type { ChatMessage, ToolCall, ToolSpec } from '../../core/ports';
import type { ApiKeyStore } from '../apiKeyStore';
import { loadEngine } from '../lazyEngine';
import { IMPERIUM_LM_VENDOR } from './imperiumVendor';
import type { Settings } from '../settings';
import { argumentsText, inputObject } from './toolCallInput';

const DEFAULT_MODEL = 'gpt-4o-mini';

export function registerImperiumModelProvider(settings: Settings, apiKeys: ApiKeyStore): vscode.Disposable[] {
  const changed = new vscode.EventEmitter<void>();
  const provider: vscode.LanguageModelChatProvider = {
    onDidChangeLanguageModelChatInformation: changed.event,
    provideLanguageModelChatInformation: () => (settings.modelProvider() === 'vscode-lm' ? [] : [information(settings)]),
    provideLanguageModelChatResponse: (model, messages, options, progress, token) => respond(settings, apiKeys, model.id, messages, options, progress, token),
    provideTokenCount: async (_model, text) => (await loadEngine()).countTextTokens(typeof text === 'string' ? text : textOf(text)),
  };
  return [
    changed,
    vscode.lm.registerLanguageModelChatProvider(IMPERIUM_LM_VENDOR, provider),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('imperium.model')) changed.fire();
    }),
  ];
}

function information(settings: Settings): vscode.LanguageModelChatInformation {
  const name = settings.modelName() || DEFAULT_MODEL;
  return {
    id: name,
    name: `${name} (Imperium)`,
    family: name,
    version: '1',
    detail: new URL(settings.modelBaseUrl()).host,
    tooltip: `The model Imperium Flow's agents use: ${name} at ${settings.modelBaseUrl()} (imperium.model.*).`,
    maxInputTokens: 128_000,
    maxOutputTokens: 16_000,
    capabilities: { toolCalling: true },
  };
}

async function respond(
  settings: Settings,
  apiKeys: ApiKeyStore,
  model: string,
  messages: readonly vscode.LanguageModelChatRequestMessage[],
  options: vscode.ProvideLanguageModelChatResponseOptions,
  progress: vscode.Progress<vscode.LanguageModelResponsePart>,
  token: vscode.CancellationToken,
): Promise<void> {
  // The client (and the openai package) load with the engine, on first use, not at activation.
  const { OpenAiCompatibleClient } = await loadEngine();
  const client = new OpenAiCompatibleClient({
    baseUrl: settings.modelBaseUrl(),
    apiKey: () => apiKeys.get(),
    missingKeyHelp: 'Run "Imperium: Set API Key" to store one, or "Imperium: Choose Model".',
    models: { default: model, byRole: {} },
  });
  const aborter = new AbortController();
  const listener = token.onCancellationRequested(() => aborter.abort());
  try {
    const tools: ToolSpec[] = (options.tools ?? []).map((tool) => ({ name: tool.name, description: tool.description, parameters: (tool.inputSchema as Record<string, unknown> | undefined) ?? { type: 'object', properties: {} } }));
    // The Chat view's requests are nobody's agent: they go as the Product Owner, who talks to people.
    const reply = await client.chat({
      role: 'product-owner',
      messages: fromLanguageModelMessages(messages),
      ...(tools.length > 0 && { tools }),
      signal: aborter.signal,
      onText: (delta) => progress.report(new vscode.LanguageModelTextPart(delta)),
    });
    for (const call of reply.toolCalls) progress.report(new vscode.LanguageModelToolCallPart(call.id, call.name, inputObject(call.arguments)));
  } catch (error) {
    if (token.isCancellationRequested) throw new vscode.CancellationError();
    throw error;
  } finally {
    listener.dispose();
  }
}

/** vscode.lm's messages as our chat: text, tool calls and their results; other parts (images, data) are left out. */
export function fromLanguageModelMessages(messages: readonly vscode.LanguageModelChatRequestMessage[]): ChatMessage[] {
  const converted: ChatMessage[] = [];
  for (const message of messages) {
    const text = message.content.filter((part) => part instanceof vscode.LanguageModelTextPart).map((part) => part.value).join('');
    if (message.role === vscode.LanguageModelChatMessageRole.Assistant) {
      const toolCalls: ToolCall[] = message.content
        .filter((part) => part instanceof vscode.LanguageModelToolCallPart)
        .map((part) => ({ id: part.callId, name: part.name, arguments: argumentsText(part.input) }));
      converted.push({ role: 'assistant', content: text || null, ...(toolCalls.length > 0 && { toolCalls }) });
      continue;
    }
    for (const part of message.content) {
      if (part instanceof vscode.LanguageModelToolResultPart) converted.push({ role: 'tool', toolCallId: part.callId, content: textOf(part.content) });
    }
    if (text !== '') converted.push({ role: 'user', content: text });
  }
  return converted;
}

function textOf(parts: readonly unknown[] | vscode.LanguageModelChatRequestMessage): string {
  const list = Array.isArray(parts) ? parts : (parts as vscode.LanguageModelChatRequestMessage).content;
  return list.map((part) => (part instanceof vscode.LanguageModelTextPart ? part.value : '')).join('');
}
