// "Check This Page's UI" on an HTML file (editor title, explorer, palette): renders the saved page
// in headless Chromium at phone, tablet and desktop widths, runs axe-core, the layout and contrast
// checks, with no model, and puts each finding on the file as a problem, serious and critical ones
// as errors. Refused in Restricted Mode: the page's own scripts run in the browser.
import * as vscode from 'vscode';
import { DEFAULT_WIDTHS, gates } from '../../superpowers/design/uiFinding';
import { loadEngine } from '../lazyEngine';
import type { Settings } from '../settings';
import { pageProblems, type PageProblem } from './pageProblems';

export const CHECK_PAGE_UI_COMMAND = 'imperium.checkPageUi';

const SEVERITY: Readonly<Record<PageProblem['severity'], vscode.DiagnosticSeverity>> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
};

export interface CheckPageUiDeps {
  readonly settings: Settings;
  readonly log: vscode.LogOutputChannel;
}

/** What a check found, for the caller (and tests): the problems put on the file. */
export interface PageUiResult {
  readonly page: string;
  readonly serious: number;
  readonly problems: number;
}

export function registerCheckPageUi({ settings, log }: CheckPageUiDeps): vscode.Disposable[] {
  const problems = vscode.languages.createDiagnosticCollection('imperium-ui');
  const command = vscode.commands.registerCommand(CHECK_PAGE_UI_COMMAND, async (given?: unknown): Promise<PageUiResult | undefined> => {
    const uri = given instanceof vscode.Uri ? given : vscode.window.activeTextEditor?.document.uri;
    try {
      if (!uri) throw new Error('Open an HTML file, or pick one in the explorer, to check its UI.');
      return await checkPage(uri, settings, problems, log);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      log.warn(`check page UI: ${message}`);
      void vscode.window.showErrorMessage(`Imperium Flow: ${message}`);
      return undefined;
    }
  });
  return [problems, command];
}

async function checkPage(uri: vscode.Uri, settings: Settings, problems: vscode.DiagnosticCollection, log: vscode.LogOutputChannel): Promise<PageUiResult> {
  if (!vscode.workspace.isTrusted) throw new Error("Checking a page runs its scripts in a browser, which Restricted Mode does not allow. Trust this workspace to check its pages.");
  if (uri.scheme !== 'file') throw new Error(`${uri.toString()} is not a file on this machine; only saved HTML files in the workspace are checked.`);
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  if (!folder) throw new Error(`${uri.fsPath} is outside the workspace; only its pages are checked.`);
  const document = vscode.workspace.textDocuments.find((candidate) => candidate.uri.toString() === uri.toString());
  if (document?.isDirty) void vscode.window.showWarningMessage(`Imperium Flow: ${vscode.workspace.asRelativePath(uri)} has unsaved changes; the saved file is checked.`);
  // The browser and axe-core load with the engine, on first use.
  const { BrowserUnavailableError, checkPages, openChromium, PageLoadError, PageTargetError, resolvePageTargets } = await loadEngine();
  let targets;
  try {
    targets = await resolvePageTargets(uri.fsPath, folder.uri.fsPath);
  } catch (error) {
    if (error instanceof PageTargetError) throw new Error(error.message, { cause: error });
    throw error;
  }
  const browser = settings.designBrowser();
  const report = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Checking ${targets[0].name} in headless Chromium at ${DEFAULT_WIDTHS.join(', ')} px` }, async () => {
    let session;
    try {
      session = await openChromium(browser);
    } catch (error) {
      if (error instanceof BrowserUnavailableError) throw new Error(`${error.message}. Set imperium.design.browser to a Chromium on this machine.`, { cause: error });
      throw error;
    }
    try {
      return await checkPages(session, targets, DEFAULT_WIDTHS);
    } catch (error) {
      if (error instanceof PageLoadError) throw new Error(error.message, { cause: error });
      throw error;
    } finally {
      await session.close();
    }
  });
  const [check] = report.pages;
  const text = Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
  const found = pageProblems(check, text);
  problems.set(
    uri,
    found.map((problem) => {
      const diagnostic = new vscode.Diagnostic(new vscode.Range(problem.line, 0, problem.line, Number.MAX_SAFE_INTEGER), problem.message, SEVERITY[problem.severity]);
      diagnostic.source = 'Imperium UI check';
      diagnostic.code = problem.helpUrl ? { value: problem.rule, target: vscode.Uri.parse(problem.helpUrl) } : problem.rule;
      return diagnostic;
    }),
  );
  const serious = check.findings.filter(gates).length;
  const summary = serious === 0 ? `${check.page}: no serious or critical problem at ${report.widths.join(', ')} px` : `${check.page}: ${serious} serious or critical problem${serious === 1 ? '' : 's'} at ${report.widths.join(', ')} px`;
  log.info(`check page UI: ${summary} (${found.length} in the Problems view; ${report.browserVersion})`);
  const action = found.length > 0 ? 'Show Problems' : undefined;
  void (serious === 0 ? vscode.window.showInformationMessage(`Imperium Flow: ${summary}.`, ...(action ? [action] : [])) : vscode.window.showWarningMessage(`Imperium Flow: ${summary}.`, 'Show Problems')).then((chosen) => {
    if (chosen === 'Show Problems') void vscode.commands.executeCommand('workbench.actions.view.problems');
  });
  return { page: check.page, serious, problems: found.length };
}
