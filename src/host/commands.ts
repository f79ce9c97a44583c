// The command palette actions that exist today. Ids are the ones package.json contributes.
import * as vscode from 'vscode';
import { validateApiKey } from '../llm/endpoint';
import type { ApiKeyStore } from './apiKeyStore';

interface CommandDeps {
  readonly log: vscode.LogOutputChannel;
  readonly apiKeys: ApiKeyStore;
  /** Imperium's extension id, which names its walkthrough. */
  readonly extensionId: string;
}

export const WALKTHROUGH_ID = 'imperium.firstRun';

export function registerCommands({ log, apiKeys, extensionId }: CommandDeps): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('imperium.showLog', () => log.show(true)),
    vscode.commands.registerCommand('imperium.openWalkthrough', () => vscode.commands.executeCommand('workbench.action.openWalkthrough', `${extensionId}#${WALKTHROUGH_ID}`, false)),
    vscode.commands.registerCommand('imperium.setApiKey', (key?: unknown) => setApiKey(apiKeys, log, key)),
  ];
}

/**
 * Stores the key for the configured endpoint. Without an argument it asks in a password box;
 * with a string argument (from another extension or a keybinding) it stores that, after the same checks.
 * Returns true when a key was stored.
 */
async function setApiKey(apiKeys: ApiKeyStore, log: vscode.LogOutputChannel, given: unknown): Promise<boolean> {
  let endpoint: string;
  try {
    endpoint = apiKeys.endpoint();
    await apiKeys.fingerprint(); // validates the endpoint before asking for anything
  } catch (error) {
    void vscode.window.showErrorMessage(error instanceof Error ? error.message : String(error));
    return false;
  }
  let key: string | undefined;
  if (given !== undefined) {
    if (typeof given !== 'string') throw new Error('imperium.setApiKey takes the key as a string argument.');
    const problem = validateApiKey(given);
    if (problem) throw new Error(problem);
    key = given;
  } else {
    key = await vscode.window.showInputBox({
      title: 'Imperium Flow: API key',
      prompt: `Key for ${endpoint}. It is kept in the OS keychain through VS Code's SecretStorage, never in settings.`,
      password: true,
      ignoreFocusOut: true,
      validateInput: (value) => validateApiKey(value),
    });
    if (key === undefined) return false;
  }
  await apiKeys.set(key);
  log.info(`API key stored for ${new URL(endpoint).origin}`);
  if (given === undefined) void vscode.window.showInformationMessage(`Imperium Flow: API key stored for ${new URL(endpoint).origin}.`);
  return true;
}
