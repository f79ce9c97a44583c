// The editor cancels with tokens, the runners listen to AbortSignals.
import type * as vscode from 'vscode';

/** A signal that aborts when the token is cancelled; dispose it when the work is done. */
export function abortSignalOf(token: vscode.CancellationToken): { readonly signal: AbortSignal } & vscode.Disposable {
  const controller = new AbortController();
  if (token.isCancellationRequested) controller.abort();
  const listener = token.onCancellationRequested(() => controller.abort());
  return { signal: controller.signal, dispose: () => listener.dispose() };
}
