// The test fixture that offers vscode.lm models (test/fixtures/lm-provider-extension), as the tests
// drive it: a scripted model server of the test's own behind it, named in the fixture's setting.
import * as vscode from 'vscode';
import type { ScenarioInput } from '../../../../src/llm/scriptedServer/scenario';
import { type ScriptedModelServer, startScriptedModelServer } from '../../../../src/llm/scriptedServer/scriptedModelServer';

export const VENDOR = 'imperium-scripted';

/** The fixture's model that answers as a role, e.g. scripted-codebot. */
export function scriptedModelFor(role: string): string {
  return `scripted-${role}`;
}

/** Starts a server on the scenario and points the fixture's models at it. */
export async function serveScenario(scenario: ScenarioInput | string): Promise<ScriptedModelServer> {
  const server = await startScriptedModelServer(scenario);
  await vscode.workspace.getConfiguration('imperiumScripted').update('serverUrl', server.url, vscode.ConfigurationTarget.Global);
  return server;
}

export async function stopServing(server: ScriptedModelServer): Promise<void> {
  await vscode.workspace.getConfiguration('imperiumScripted').update('serverUrl', undefined, vscode.ConfigurationTarget.Global);
  await server.close();
}
