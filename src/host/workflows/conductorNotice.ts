// The notification for a Conductor server the workflows cannot reach (or whose address is not
// set): the message names the address, Retry tries again, Open Setting goes to imperium.conductor.url.
// Recognised by its text, so activation does not load the Conductor SDK to compare error classes.
import * as vscode from 'vscode';

const CONDUCTOR_PROBLEM = /Conductor unreachable at |imperium\.conductor\.url|CONDUCTOR_SERVER_URL/;

export function isConductorProblem(message: string): boolean {
  return CONDUCTOR_PROBLEM.test(message);
}

export async function showConductorProblem(message: string, retry: () => unknown): Promise<void> {
  const choice = await vscode.window.showErrorMessage(`Imperium Flow: ${message}`, 'Retry', 'Open Setting', 'Show Log');
  if (choice === 'Retry') await retry();
  else if (choice === 'Open Setting') await vscode.commands.executeCommand('workbench.action.openSettings', 'imperium.conductor.url');
  else if (choice === 'Show Log') await vscode.commands.executeCommand('imperium.showLog');
}
