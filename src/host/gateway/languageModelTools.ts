// The gateway as Language Model tools (contributes.languageModelTools, vscode.lm.registerTool), so
// Copilot's agent mode can start and follow workflows. Starting and canceling ask the person first
// (prepareInvocation's confirmationMessages); nothing here approves, rejects or undoes.
import * as vscode from 'vscode';
import type { GatewayCommands } from '../../gateway/gatewayCommands';
import type { CancelInput, StartInput } from '../../gateway/gatewaySchemas';
import { LANGUAGE_MODEL_TOOLS, MAX_TOOL_WAIT_SECONDS } from './toolContributions';

type Commands = () => Promise<GatewayCommands>;

function answer(value: unknown): vscode.LanguageModelToolResult {
  return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(JSON.stringify(value, null, 2))]);
}

function tool<T>(work: (input: T) => Promise<unknown>, prepare?: (input: T) => vscode.PreparedToolInvocation): vscode.LanguageModelTool<T> {
  return {
    invoke: async (options) => answer(await work(options.input)),
    ...(prepare && { prepareInvocation: (options: vscode.LanguageModelToolInvocationPrepareOptions<T>) => prepare(options.input) }),
  };
}

function quoted(text: unknown): string {
  const line = typeof text === 'string' ? text.trim() : '';
  return line.length > 400 ? `${line.slice(0, 397)}...` : line;
}

export function registerLanguageModelTools(commands: Commands): vscode.Disposable[] {
  // The API exists from VS Code 1.95; an editor without it simply offers no tools.
  if (typeof vscode.lm?.registerTool !== 'function') return [];
  return [
    vscode.lm.registerTool(LANGUAGE_MODEL_TOOLS.list, tool<Record<string, never>>(async () => {
      const gateway = await commands();
      return { modules: gateway.modules(), workflows: gateway.workflows() };
    })),
    vscode.lm.registerTool(
      LANGUAGE_MODEL_TOOLS.start,
      tool<StartInput>(
        async (input) => (await commands()).start(input),
        (input) => ({
          invocationMessage: 'Starting an Imperium Flow workflow',
          confirmationMessages: {
            title: 'Start an Imperium Flow workflow?',
            message: new vscode.MarkdownString().appendText(`The agents will change files in ${vscode.workspace.workspaceFolders?.[0]?.name ?? 'this workspace'}, test-first, to do this:\n\n${quoted(input.request)}\n\nYour review mode still applies to their edits.`),
          },
        }),
      ),
    ),
    vscode.lm.registerTool(
      LANGUAGE_MODEL_TOOLS.status,
      tool<{ id: string; waitSeconds?: number }>(
        async ({ id, waitSeconds }) => {
          const gateway = await commands();
          return waitSeconds === undefined ? gateway.status({ id }) : gateway.waitForEnd({ id }, Math.min(waitSeconds, MAX_TOOL_WAIT_SECONDS));
        },
        ({ id, waitSeconds }) => ({ invocationMessage: waitSeconds ? `Waiting for Imperium workflow ${quoted(id)}` : `Reading the status of Imperium workflow ${quoted(id)}` }),
      ),
    ),
    vscode.lm.registerTool(
      LANGUAGE_MODEL_TOOLS.report,
      tool<{ id: string }>(async ({ id }) => (await commands()).report({ id }), ({ id }) => ({ invocationMessage: `Reading the report of Imperium workflow ${quoted(id)}` })),
    ),
    vscode.lm.registerTool(
      LANGUAGE_MODEL_TOOLS.cancel,
      tool<CancelInput>(
        async (input) => (await commands()).cancel(input),
        ({ id }) => ({
          invocationMessage: `Canceling Imperium workflow ${quoted(id)}`,
          confirmationMessages: { title: 'Cancel an Imperium Flow workflow?', message: `Workflow ${quoted(id)} stops; the files it changed stay as they are (Undo Workflow takes them back).` },
        }),
      ),
    ),
  ];
}
