// Registers the "Implement with agents" code lens for JavaScript, TypeScript and Python files.
import * as vscode from 'vscode';
import { CODE_LENS_SELECTOR, ImplementLensProvider, type ImplementLensSources } from './implementLensProvider';

export function registerCodeLens(options: ImplementLensSources): vscode.Disposable[] {
  const provider = new ImplementLensProvider(options);
  return [provider, vscode.languages.registerCodeLensProvider(CODE_LENS_SELECTOR, provider)];
}
