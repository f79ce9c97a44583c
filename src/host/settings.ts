// Typed reads of the `imperium.*` settings. Values are read when needed, so a change applies at once.
import * as vscode from 'vscode';
import { DEFAULT_BASE_URL } from '../llm/endpoint';

export class Settings {
  private get section(): vscode.WorkspaceConfiguration {
    return vscode.workspace.getConfiguration('imperium');
  }

  modelBaseUrl(): string {
    return this.section.get<string>('model.baseUrl', DEFAULT_BASE_URL) || DEFAULT_BASE_URL;
  }
}
