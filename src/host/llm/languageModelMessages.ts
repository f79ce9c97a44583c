// Our chat (core/ports.ts) as vscode.lm messages and tools.
//
// vscode.lm has no system role (it exists only as a proposed API), so each system message becomes a
// user message in its place: the instructions still come first and from the caller's side, which is
// where models give them weight. Consecutive tool results go in one user message, as the API asks
// (an assistant message with the calls, then a user message with their results).
import * as vscode from 'vscode';
import type { ChatMessage, ToolCall, ToolSpec } from '../../core/ports';
import { inputObject } from './toolCallInput';

export function toLanguageModelMessages(messages: readonly ChatMessage[]): vscode.LanguageModelChatMessage[] {
  const converted: vscode.LanguageModelChatMessage[] = [];
  let results: vscode.LanguageModelToolResultPart[] = [];
  const flushResults = () => {
    if (results.length === 0) return;
    converted.push(vscode.LanguageModelChatMessage.User(results));
    results = [];
  };
  for (const message of messages) {
    if (message.role === 'tool') {
      results.push(new vscode.LanguageModelToolResultPart(message.toolCallId, [new vscode.LanguageModelTextPart(message.content)]));
      continue;
    }
    flushResults();
    switch (message.role) {
      case 'system':
      case 'user':
        converted.push(vscode.LanguageModelChatMessage.User(message.content));
        break;
      case 'assistant':
        converted.push(assistantMessage(message.content, message.toolCalls ?? []));
        break;
    }
  }
  flushResults();
  return converted;
}

function assistantMessage(content: string | null, toolCalls: readonly ToolCall[]): vscode.LanguageModelChatMessage {
  if (toolCalls.length === 0) return vscode.LanguageModelChatMessage.Assistant(content ?? '');
  return vscode.LanguageModelChatMessage.Assistant([
    ...(content ? [new vscode.LanguageModelTextPart(content)] : []),
    ...toolCalls.map((call) => new vscode.LanguageModelToolCallPart(call.id, call.name, inputObject(call.arguments))),
  ]);
}

export function toLanguageModelTools(tools: readonly ToolSpec[]): vscode.LanguageModelChatTool[] {
  return tools.map((tool) => ({ name: tool.name, description: tool.description, inputSchema: tool.parameters }));
}
