// Registers the "Implement with agents" code lens for JavaScript, TypeScript and Python files, and
// "Generate client with agents" on OpenAPI descriptions.
import * as vscode from 'vscode';
import { CODE_LENS_SELECTOR, ImplementLensProvider, type ImplementLensSources } from './implementLensProvider';
import { OPENAPI_LENS_SELECTOR, OpenApiLensProvider } from './openApiLensProvider';

export function registerCodeLens(options: ImplementLensSources): vscode.Disposable[] {
  const provider = new ImplementLensProvider(options);
  return [provider, vscode.languages.registerCodeLensProvider(CODE_LENS_SELECTOR, provider), vscode.languages.registerCodeLensProvider(OPENAPI_LENS_SELECTOR, new OpenApiLensProvider())];
}
