// Agents' writes through the editor: a WorkspaceEdit on the file's document, then a save, so open
// editors follow and the editor's own undo works. The bytes on disk end up exactly the agent's
// (the journal's hash is of those): when a save participant (format on save, a final newline) or
// the document's line endings changed them, the exact bytes are written after it.
import * as vscode from 'vscode';
import { WorkspaceError } from '../../core/ports';
import type { FileWriter } from '../../infra/nodeWorkspace';

export class EditorFileWriter implements FileWriter {
  async write(absolute: string, bytes: Uint8Array, path: string): Promise<void> {
    const uri = vscode.Uri.file(absolute);
    const exists = await vscode.workspace.fs.stat(uri).then(
      () => true,
      () => false,
    );
    const edit = new vscode.WorkspaceEdit();
    if (exists) {
      const document = await vscode.workspace.openTextDocument(uri);
      refuseUnsaved(document, path);
      edit.replace(uri, new vscode.Range(0, 0, document.lineCount, 0), new TextDecoder().decode(bytes));
      await apply(edit, path);
      if (!(await document.save())) throw new WorkspaceError('refused', `"${path}" was changed in the editor but could not be saved.`);
    } else {
      edit.createFile(uri, { overwrite: true, contents: bytes });
      await apply(edit, path);
    }
    const written = await vscode.workspace.fs.readFile(uri);
    if (!Buffer.from(written).equals(bytes)) await vscode.workspace.fs.writeFile(uri, bytes);
  }

  async delete(absolute: string, path: string): Promise<void> {
    const uri = vscode.Uri.file(absolute);
    const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
    if (open) refuseUnsaved(open, path);
    const edit = new vscode.WorkspaceEdit();
    edit.deleteFile(uri, { ignoreIfNotExists: true });
    await apply(edit, path);
  }
}

/** The gate asked before the journal; this catches an edit the user made in between. */
function refuseUnsaved(document: vscode.TextDocument, path: string): void {
  if (document.isDirty) throw new WorkspaceError('refused', `"${path}" has unsaved changes by the user; it was not changed.`);
}

async function apply(edit: vscode.WorkspaceEdit, path: string): Promise<void> {
  if (!(await vscode.workspace.applyEdit(edit))) throw new WorkspaceError('refused', `The editor did not apply the change to "${path}".`);
}
