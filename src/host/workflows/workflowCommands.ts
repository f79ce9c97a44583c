// The palette's workflow commands: start from a typed request, implement the selection or the
// symbol under the cursor (or what the code lens points at), pause, resume, cancel, undo, allow
// a workflow's test runs the network.
import * as vscode from 'vscode';
import type { WorkflowSummary } from '../../core/orchestrator/workflowState';
import { IMPLEMENT_TARGET_KINDS, type ImplementTarget } from '../../shared/implementTarget';
import { isTerminalWorkflow } from '../../shared/taskStatus';
import { DEFAULT_WORKFLOW } from '../../runtime/defaultWorkflow';
import { loadEngine } from '../lazyEngine';
import type { TestExplorer } from '../testing/testExplorer';
import { isConductorProblem, showConductorProblem } from './conductorNotice';
import { FIX_WITH_AGENTS_COMMAND, fixWithAgents } from './fixCommand';
import { implementRequest } from './implementRequest';
import { workflowForTarget } from './targetWorkflow';
import type { WorkflowService } from './workflowService';
import { ALLOW_NETWORK_COMMAND, allowNetworkForWorkflow } from './allowNetworkCommand';

type ServiceSource = () => Promise<WorkflowService>;

export function registerWorkflowCommands(service: ServiceSource, log: vscode.LogOutputChannel, tests?: TestExplorer): vscode.Disposable[] {
  const command = (id: string, run: (...args: unknown[]) => Promise<unknown>) =>
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        return await run(...args);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        log.error(`${id}: ${message}`);
        if (isConductorProblem(message)) void showConductorProblem(message, () => vscode.commands.executeCommand(id, ...args));
        else void showError(message);
        return undefined;
      }
    });
  return [
    command('imperium.startWorkflow', async (request) => startWorkflow(await service(), request)),
    command('imperium.implementWithAgents', async (target, workflow) => implementWithAgents(await service(), target, workflow)),
    command(FIX_WITH_AGENTS_COMMAND, async (...args) => fixWithAgents(await service(), tests, args)),
    command('imperium.pauseWorkflow', async (id) => withWorkflow(await service(), id, 'pause', (w) => w.status === 'RUNNING', (s, w) => s.pause(w))),
    command('imperium.resumeWorkflow', async (id) => withWorkflow(await service(), id, 'resume', (w) => w.status === 'PAUSED', (s, w) => s.resume(w))),
    command('imperium.cancelWorkflow', async (id) => withWorkflow(await service(), id, 'cancel', (w) => !isTerminalWorkflow(w.status), (s, w) => s.cancel(w))),
    command('imperium.undoWorkflow', async (id) => undoWorkflow(await service(), id)),
    command(ALLOW_NETWORK_COMMAND, async (id) => allowNetworkForWorkflow(await service(), id)),
    // The plan's reader is the engine bundle's, loaded by the service by then.
    command('imperium.runDeploymentCommand', async () => {
      const opened = await service();
      await (await loadEngine()).runDeploymentCommand(opened);
    }),
  ];
}

/**
 * Starts a workflow: `given` is the request (the default module runs it), or `{ workflow, request }`;
 * without one, the person picks the module (when there are several) and types the request.
 */
async function startWorkflow(service: WorkflowService, given: unknown): Promise<string | undefined> {
  const asked = checkedStart(given);
  const workflow = asked.workflow ?? (await pickModule(service));
  if (workflow === undefined) return undefined;
  const request =
    asked.request ??
    (await vscode.window.showInputBox({
          title: 'Imperium Flow: start a workflow',
          prompt: 'What should the agents build? They write failing tests first, then the code, and the Board reviews it.',
          placeHolder: 'e.g. Add a function that formats a book citation in APA style',
          ignoreFocusOut: true,
          validateInput: (value) => (value.trim() === '' ? 'Say what to build.' : undefined),
        }));
  if (request === undefined) return undefined;
  return service.start({ workflow, request, ...(asked.allowNetwork !== undefined && { allowNetwork: asked.allowNetwork }) });
}

function checkedStart(given: unknown): { readonly workflow?: string; readonly request?: string; readonly allowNetwork?: boolean } {
  if (given === undefined) return {};
  if (typeof given === 'string') return { workflow: DEFAULT_WORKFLOW, request: given };
  const { workflow, request, allowNetwork } = (given ?? {}) as { workflow?: unknown; request?: unknown; allowNetwork?: unknown };
  if (
    typeof given !== 'object' ||
    (workflow !== undefined && typeof workflow !== 'string') ||
    (request !== undefined && typeof request !== 'string') ||
    (allowNetwork !== undefined && typeof allowNetwork !== 'boolean')
  ) {
    throw new Error('imperium.startWorkflow takes no argument, a request, or { workflow, request, allowNetwork } (workflow: a module id; allowNetwork: true or false, default the imperium.tests.allowNetwork setting).');
  }
  return { ...(workflow !== undefined && { workflow }), ...(request !== undefined && { request }), ...(allowNetwork !== undefined && { allowNetwork }) };
}

/** The module to run: the only one there is, or the one the person picks. */
async function pickModule(service: WorkflowService): Promise<string | undefined> {
  const modules = service.modules();
  if (modules.length === 1) return modules[0]?.id;
  const picked = await vscode.window.showQuickPick(
    modules.map((module) => ({ label: module.title, description: module.id, detail: `${module.description} Phases: ${module.phases.map((phase) => phase.title).join(' → ')}.`, id: module.id })),
    { title: 'Imperium Flow: which workflow?', ignoreFocusOut: true, matchOnDescription: true },
  );
  return picked?.id;
}

async function implementWithAgents(service: WorkflowService, given: unknown, workflow: unknown): Promise<string | undefined> {
  const target = given === undefined ? await targetAtCursor() : checkedTarget(given);
  if (workflow !== undefined && typeof workflow !== 'string') throw new Error('imperium.implementWithAgents takes a workflow module id as its second argument.');
  const chosen = workflow ?? workflowForTarget(target);
  // "Make this pass with agents" on a failing test: the tests exist, so the fix workflow, on that test.
  if (target.kind === 'failing-test') return service.start({ workflow: chosen, request: implementRequest(target), target, ...(target.testId !== undefined && { tests: [target.testId] }) });
  return service.start({ workflow: chosen, request: '', target });
}

/** The selection, or else the innermost function, method or class around the cursor. */
async function targetAtCursor(): Promise<ImplementTarget> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) throw new Error('Open a file and select the code to implement, or put the cursor in a function.');
  const { document, selection } = editor;
  const path = vscode.workspace.asRelativePath(document.uri, false);
  if (vscode.workspace.getWorkspaceFolder(document.uri) === undefined) throw new Error(`${document.uri.fsPath} is outside the workspace; the agents work only on the workspace's files.`);
  if (!selection.isEmpty) {
    return { kind: 'selection', path, startLine: selection.start.line + 1, endLine: selection.end.line + 1, description: document.getText(selection) };
  }
  const symbols = (await vscode.commands.executeCommand<vscode.DocumentSymbol[] | undefined>('vscode.executeDocumentSymbolProvider', document.uri)) ?? [];
  const symbol = innermost(symbols, selection.active);
  if (!symbol) throw new Error('Select the code to implement, or put the cursor inside a function or method.');
  return { kind: 'selection', path, symbol: symbol.name, startLine: symbol.range.start.line + 1, endLine: symbol.range.end.line + 1, description: document.getText(symbol.range) };
}

const CODE_SYMBOLS = new Set([vscode.SymbolKind.Function, vscode.SymbolKind.Method, vscode.SymbolKind.Constructor, vscode.SymbolKind.Class]);

function innermost(symbols: readonly vscode.DocumentSymbol[], position: vscode.Position): vscode.DocumentSymbol | undefined {
  for (const symbol of symbols) {
    if (!symbol.range.contains(position)) continue;
    return innermost(symbol.children, position) ?? (CODE_SYMBOLS.has(symbol.kind) ? symbol : undefined);
  }
  return undefined;
}

/** A target from another extension or a keybinding is checked, not trusted. */
function checkedTarget(value: unknown): ImplementTarget {
  const target = value as Partial<ImplementTarget> | null;
  const line = (n: unknown) => Number.isInteger(n) && (n as number) >= 1;
  if (
    typeof target !== 'object' ||
    target === null ||
    !(IMPLEMENT_TARGET_KINDS as readonly unknown[]).includes(target.kind) ||
    typeof target.path !== 'string' ||
    !line(target.startLine) ||
    !line(target.endLine) ||
    typeof target.description !== 'string'
  ) {
    throw new Error('imperium.implementWithAgents takes no argument, or a target { kind, path, startLine, endLine, description }.');
  }
  return target as ImplementTarget;
}

async function withWorkflow(
  service: WorkflowService,
  given: unknown,
  verb: string,
  eligible: (workflow: WorkflowSummary) => boolean,
  act: (service: WorkflowService, workflowId: string) => Promise<void>,
): Promise<void> {
  const workflowId = typeof given === 'string' ? given : await pickWorkflow(service.list().filter(eligible), `Which workflow to ${verb}?`, `No workflow to ${verb}.`);
  if (workflowId !== undefined) await act(service, workflowId);
}

async function pickWorkflow(candidates: readonly WorkflowSummary[], title: string, none: string): Promise<string | undefined> {
  if (candidates.length === 0) {
    void vscode.window.showInformationMessage(`Imperium Flow: ${none}`);
    return undefined;
  }
  if (candidates.length === 1) return candidates[0]?.id;
  const picked = await vscode.window.showQuickPick(
    [...candidates].reverse().map((workflow) => ({ label: workflow.id, description: `${workflow.status.toLowerCase()}${workflow.step ? ` · ${workflow.step}` : ''}`, detail: workflow.reason, id: workflow.id })),
    { title },
  );
  return picked?.id;
}

/** Shows what undo will restore and delete, and does it only when the person confirms. */
async function undoWorkflow(service: WorkflowService, given: unknown): Promise<boolean> {
  const workflowId = typeof given === 'string' ? given : await pickWorkflow(service.list().filter((w) => isTerminalWorkflow(w.status)), 'Which workflow to undo?', 'No finished workflow to undo.');
  if (workflowId === undefined) return false;
  const plan = await service.undoPlan(workflowId);
  if (plan.restore.length + plan.remove.length === 0) {
    void vscode.window.showInformationMessage(`Imperium Flow: workflow ${workflowId} has no changes left to undo.`);
    return false;
  }
  const lines = [...plan.restore.map((path) => `restore ${path}`), ...plan.remove.map((path) => `delete ${path} (the workflow created it)`)];
  const confirm = await vscode.window.showWarningMessage(`Undo workflow ${workflowId}?`, { modal: true, detail: lines.join('\n') }, 'Undo Workflow');
  if (confirm !== 'Undo Workflow') return false;
  const report = await service.undo(workflowId);
  const skipped = report.skipped.map((file) => `${file.path}: ${file.reason}`);
  const summary = `Workflow ${workflowId} undone: ${report.restored.length} restored, ${report.deleted.length} deleted.`;
  if (skipped.length > 0) void vscode.window.showWarningMessage(`${summary} Not undone: ${skipped.join('; ')}`);
  else void vscode.window.showInformationMessage(summary);
  return true;
}

async function showError(message: string): Promise<void> {
  const actions = /Restricted Mode/.test(message) ? ['Manage Workspace Trust'] : /API key/i.test(message) ? ['Set API Key'] : [];
  const choice = await vscode.window.showErrorMessage(`Imperium Flow: ${message}`, ...actions, 'Show Log');
  if (choice === 'Manage Workspace Trust') await vscode.commands.executeCommand('workbench.trust.manage');
  else if (choice === 'Set API Key') await vscode.commands.executeCommand('imperium.setApiKey');
  else if (choice === 'Show Log') await vscode.commands.executeCommand('imperium.showLog');
}
