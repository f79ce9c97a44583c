// The "Generate client with agents" code lens on OpenAPI 3.0 and 3.1 descriptions (YAML or JSON):
// it starts the integration workflow on the description, contract-first.
import * as vscode from 'vscode';
import { looksLikeOpenApi } from '../../core/integration/apiDescriptions';
import type { ImplementTarget } from '../../shared/implementTarget';

const IMPLEMENT_COMMAND = 'imperium.implementWithAgents';
const ENABLED_SETTING = 'imperium.codeLens.enabled';
export const INTEGRATION_WORKFLOW_ID = 'integration';

export const OPENAPI_LENS_SELECTOR: vscode.DocumentSelector = ['yaml', 'json', 'jsonc'].map((language) => ({ language, scheme: 'file' }));

export class OpenApiLensProvider implements vscode.CodeLensProvider {
  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!vscode.workspace.getConfiguration().get<boolean>(ENABLED_SETTING, true)) return [];
    if (vscode.workspace.getWorkspaceFolder(document.uri) === undefined || document.uri.path.split('/').includes('node_modules')) return [];
    if (!looksLikeOpenApi(document.getText(new vscode.Range(0, 0, 80, 0)))) return [];
    const path = vscode.workspace.asRelativePath(document.uri, false);
    const target: ImplementTarget = {
      kind: 'selection',
      path,
      startLine: 1,
      endLine: 1,
      description: `The OpenAPI description ${path}: generate a typed client and wire it in, contract-first.`,
    };
    return [
      new vscode.CodeLens(new vscode.Range(0, 0, 0, 0), {
        title: '$(sparkle) Generate client with agents',
        tooltip: 'Contract tests from this description first (they must fail against a mock of it), then IntegrationBot wires a generated typed client in until they pass, then the Board reviews.',
        command: IMPLEMENT_COMMAND,
        arguments: [target, INTEGRATION_WORKFLOW_ID],
      }),
    ];
  }
}
