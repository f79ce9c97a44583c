// Activation: builds the composition root and reports a failure with a way to the log.
import * as vscode from 'vscode';
import type { ImperiumApi } from './api';
import { Container } from './container';

let container: Container | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<ImperiumApi> {
  const started = performance.now();
  try {
    container = Container.create(context);
    return container.api(performance.now() - started);
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
