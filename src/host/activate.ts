// Activation: builds the composition root and reports a failure with a way to the log.
import * as vscode from 'vscode';
import type { ImperiumApi } from './api';
import { activationReport } from './activationReport';
import { Container } from './container';

let container: Container | undefined;

/** `loadStarted`: when the entry point began loading this bundle (performance.now()). */
export async function activate(context: vscode.ExtensionContext, loadStarted = performance.now()): Promise<ImperiumApi> {
  const activateStarted = performance.now();
  try {
    container = Container.create(context);
    return container.api(activationReport(context.extensionPath, loadStarted, activateStarted));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    void vscode.window.showErrorMessage(`Imperium Flow failed to start: ${message}`);
    throw error;
  }
}

export async function deactivate(): Promise<void> {
  container?.dispose();
  container = undefined;
}
