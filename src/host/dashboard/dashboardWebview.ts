// Loads the dashboard app into a webview (the panel's or the sidebar view's): scripts on, resources
// only from the bundle and media folders, and the page from webviewHtml.ts with a fresh nonce.
import * as vscode from 'vscode';
import type { Logger } from '../../core/ports';
import type { ViewKind } from '../../shared/webviewProtocol';
import type { DashboardSource } from './dashboardSource';
import { newNonce, webviewHtml } from './webviewHtml';

/** What both views are built from. */
export interface DashboardViewDeps {
  readonly extensionUri: vscode.Uri;
  /** Opened when a view first needs it; the same source for every view. */
  readonly source: () => Promise<DashboardSource>;
  /** Told when `source` would open another one (the views switch to the scripted trial and back). */
  readonly onDidChangeSource?: (listener: () => void) => () => void;
  readonly logger: Logger;
  readonly version: string;
  readonly showLog: () => void;
}

export function dashboardWebviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

/** Sets the page; the webview must already have dashboardWebviewOptions (given at creation, or set just before). */
export function loadDashboardPage(webview: vscode.Webview, extensionUri: vscode.Uri, view: ViewKind, title: string): void {
  webview.html = webviewHtml({
    view,
    title,
    cspSource: webview.cspSource,
    scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview.js')).toString(),
    styleUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'dashboard.css')).toString(),
    nonce: newNonce(),
  });
}
