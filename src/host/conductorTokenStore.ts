// The token for a Conductor server that asks for one (sent as X-Authorization), in VS Code's
// SecretStorage, one per server origin; never in settings. Commands to set and clear it.
import * as vscode from 'vscode';
import type { Settings } from './settings';

export class ConductorTokenStore {
  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly settings: Settings,
  ) {}

  /** The configured server's origin; throws, naming the setting, when there is none or it is not an address. */
  origin(): string {
    const url = this.settings.conductorUrl();
    if (url === undefined) throw new Error('Set imperium.conductor.url to the Conductor server first (for example http://127.0.0.1:8080).');
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new Error(`imperium.conductor.url is "${url}", which is not an address; expected one like http://127.0.0.1:8080.`);
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error(`imperium.conductor.url is "${url}", which is not an http or https address.`);
    return parsed.origin;
  }

  async get(): Promise<string | undefined> {
    return this.secrets.get(secretName(this.origin()));
  }

  async set(token: string): Promise<void> {
    await this.secrets.store(secretName(this.origin()), token.trim());
  }

  async clear(): Promise<void> {
    await this.secrets.delete(secretName(this.origin()));
  }
}

function secretName(origin: string): string {
  return `imperium.conductorToken:${origin}`;
}

export function validateConductorToken(token: string): string | undefined {
  const trimmed = token.trim();
  if (trimmed === '') return 'The token is empty.';
  if ([...trimmed].some((char) => char.charCodeAt(0) <= 0x20 || char.charCodeAt(0) === 0x7f)) return 'A token has no spaces or control characters.';
  if (trimmed.length > 8192) return 'That is too long for a token (more than 8192 characters).';
  return undefined;
}

/** Imperium: Set Conductor Token (a string argument from a keybinding or another extension, or a password box) and Clear Conductor Token. */
export function registerConductorTokenCommands(tokens: ConductorTokenStore, log: vscode.LogOutputChannel): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('imperium.setConductorToken', async (given?: unknown) => {
      const origin = originOrReport(tokens);
      if (origin === undefined) return false;
      let token: string | undefined;
      if (given !== undefined) {
        if (typeof given !== 'string') throw new Error('imperium.setConductorToken takes the token as a string argument.');
        const problem = validateConductorToken(given);
        if (problem) throw new Error(problem);
        token = given;
      } else {
        token = await vscode.window.showInputBox({
          title: 'Imperium Flow: Conductor token',
          prompt: `Token for the Conductor server at ${origin}, sent as X-Authorization. Kept in the OS keychain through VS Code's SecretStorage, never in settings.`,
          password: true,
          ignoreFocusOut: true,
          validateInput: validateConductorToken,
        });
        if (token === undefined) return false;
      }
      await tokens.set(token);
      log.info(`Conductor token stored for ${origin}`);
      if (given === undefined) void vscode.window.showInformationMessage(`Imperium Flow: Conductor token stored for ${origin}. Reload the window for open workflows to use it.`);
      return true;
    }),
    vscode.commands.registerCommand('imperium.clearConductorToken', async () => {
      const origin = originOrReport(tokens);
      if (origin === undefined) return false;
      await tokens.clear();
      log.info(`Conductor token cleared for ${origin}`);
      return true;
    }),
  ];
}

function originOrReport(tokens: ConductorTokenStore): string | undefined {
  try {
    return tokens.origin();
  } catch (error) {
    void vscode.window.showErrorMessage(`Imperium Flow: ${error instanceof Error ? error.message : String(error)}`, 'Open Setting').then((choice) => {
      if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', 'imperium.conductor.url');
    });
    return undefined;
  }
}
