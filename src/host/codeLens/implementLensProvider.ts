// The "Implement with agents" code lens: reads the document's stubs and TODOs, the failing tests in
// it and the workflows on them, and asks again whenever one of those or the setting changes.
import * as vscode from 'vscode';
import { detectTargets } from '../../core/workspace/targets/detectTargets';
import { type TargetLens, targetLenses } from './targetLenses';
import { OPEN_COMMAND_CENTER_COMMAND } from '../dashboard/editorActions';
import { documentSymbols } from './documentSymbols';
import type { FailingTests, TargetWorkflows } from './lensSources';

const IMPLEMENT_COMMAND = 'imperium.implementWithAgents';
const ENABLED_SETTING = 'imperium.codeLens.enabled';

/** Where lenses are asked for; files outside the workspace and in node_modules get none (see workspacePath). */
export const CODE_LENS_SELECTOR: vscode.DocumentSelector = ['javascript', 'javascriptreact', 'typescript', 'typescriptreact', 'python'].map((language) => ({
  language,
  scheme: 'file',
}));

export interface ImplementLensSources {
  readonly failingTests: FailingTests;
  readonly workflows: TargetWorkflows;
  readonly log: vscode.LogOutputChannel;
}

export class ImplementLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly subscriptions: vscode.Disposable[];
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly sources: ImplementLensSources) {
    const refresh = () => this.changed.fire();
    this.subscriptions = [
      this.changed,
      sources.failingTests.onDidChange(refresh),
      sources.workflows.onDidChange(refresh),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(ENABLED_SETTING)) refresh();
      }),
    ];
  }

  async provideCodeLenses(document: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.CodeLens[]> {
    if (!vscode.workspace.getConfiguration().get<boolean>(ENABLED_SETTING, true)) return [];
    const path = workspacePath(document.uri);
    if (path === undefined) return [];
    const symbols = await documentSymbols(document.uri, this.sources.log);
    if (token.isCancellationRequested) return [];
    const { targets, functions } = detectTargets({ path, languageId: document.languageId, text: document.getText(), symbols });
    const lenses = targetLenses({
      path,
      targets,
      functions,
      failingTests: this.sources.failingTests.failing(document.uri),
      phaseOf: (key) => this.sources.workflows.phaseOf(key),
      workflowFor: (target) => this.sources.workflows.moduleFor(target),
    });
    return lenses.filter((lens) => lens.line <= document.lineCount).map(toCodeLens);
  }

  dispose(): void {
    for (const subscription of this.subscriptions.splice(0)) subscription.dispose();
  }
}

function toCodeLens(lens: TargetLens): vscode.CodeLens {
  const range = new vscode.Range(lens.line - 1, 0, lens.line - 1, 0);
  const command: vscode.Command =
    lens.action.kind === 'implement'
      ? { title: lens.title, tooltip: lens.tooltip, command: IMPLEMENT_COMMAND, arguments: [lens.action.target] }
      : { title: lens.title, tooltip: lens.tooltip, command: OPEN_COMMAND_CENTER_COMMAND };
  return new vscode.CodeLens(range, command);
}

/** The document's path in its workspace folder, '/'-separated; undefined outside the workspace and in node_modules. */
function workspacePath(uri: vscode.Uri): string | undefined {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  if (!folder) return undefined;
  const root = folder.uri.path.endsWith('/') ? folder.uri.path : `${folder.uri.path}/`;
  if (!uri.path.startsWith(root)) return undefined;
  const path = uri.path.slice(root.length);
  return path.split('/').includes('node_modules') ? undefined : path;
}
