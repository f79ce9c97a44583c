// The views' requests that concern the editor: open a workspace file at a location (the path may
// come from a model, so it is checked to stay inside the workspace), the command center, the log.
import * as vscode from 'vscode';
import { normalizeWorkspacePath } from '../../core/workspace/workspacePath';
import type { EditorActions } from './webviewChannel';

export const OPEN_COMMAND_CENTER_COMMAND = 'imperium.openCommandCenter';

/** `where`: the editor group files open in; beside the command center, or in the active group from the sidebar. */
export function editorActions(showLog: () => void, where: vscode.ViewColumn): EditorActions {
  return {
    async openFile(path, line, column) {
      const folder = vscode.workspace.workspaceFolders?.[0];
      if (!folder) throw new Error(`Cannot open ${path}: no folder is open.`);
      const relative = normalizeWorkspacePath(path);
      if (relative === '') throw new Error(`"${path}" is the workspace folder, not a file.`);
      const position = new vscode.Position(Math.max(0, (line ?? 1) - 1), Math.max(0, (column ?? 1) - 1));
      await vscode.window.showTextDocument(vscode.Uri.joinPath(folder.uri, ...relative.split('/')), {
        viewColumn: where,
        preview: true,
        selection: new vscode.Range(position, position),
      });
    },
    async openCommandCenter() {
      await vscode.commands.executeCommand(OPEN_COMMAND_CENTER_COMMAND);
    },
    showLog,
  };
}
