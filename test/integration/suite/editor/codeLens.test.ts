import * as assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import * as vscode from 'vscode';
import { ImplementLensProvider } from '../../../../src/host/codeLens/implementLensProvider';
import type { FailingTest, LensPhase } from '../../../../src/host/codeLens/lensSources';
import { registerCodeLens } from '../../../../src/host/codeLens/registerCodeLens';
import { moduleForTarget } from '../../../../src/host/workflows/targetWorkflow';
import type { ImplementTarget } from '../../../../src/shared/implementTarget';
import { imperiumApi } from '../imperium';

// The "Implement with agents" code lens in the real editor, on the fixture's src/dates.js (whose
// symbols come from VS Code's TypeScript extension) and src/inventory.py (no Python extension here:
// the lens reads the source itself). The test registers a second lens, fed by failing tests and
// workflow phases it controls, beside the extension's own (fed by the real Test Explorer and
// workflows, which have nothing to report here): the editor returns each stub's lens from both, so
// lenses are compared as a set.

const IMPLEMENT = 'imperium.implementWithAgents';
const OPEN_COMMAND_CENTER = 'imperium.openCommandCenter';
const SPARKLE = '$(sparkle) Implement with agents';

interface SeenLens {
  readonly line: number;
  readonly title: string;
  readonly command: string;
  readonly target?: ImplementTarget;
}

function fixtureUri(file: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the fixture workspace is open');
  return vscode.Uri.joinPath(folder.uri, 'src', file);
}

/** The lenses Imperium Flow puts in the file, each once, by line. */
async function lensesIn(file: string): Promise<SeenLens[]> {
  const uri = fixtureUri(file);
  await vscode.workspace.openTextDocument(uri);
  const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[] | undefined>('vscode.executeCodeLensProvider', uri)) ?? [];
  const ours = new Map<string, SeenLens>();
  for (const lens of lenses) {
    const command = lens.command;
    if (!command || (command.command !== IMPLEMENT && command.command !== OPEN_COMMAND_CENTER)) continue;
    const seen: SeenLens = { line: lens.range.start.line + 1, title: command.title, command: command.command, ...(command.arguments ? { target: command.arguments[0] as ImplementTarget } : {}) };
    ours.set(JSON.stringify(seen), seen);
  }
  return [...ours.values()].sort((a, b) => a.line - b.line || a.title.localeCompare(b.title));
}

const implement = (target: ImplementTarget): SeenLens => ({ line: target.startLine, title: SPARKLE, command: IMPLEMENT, target });
const live = (line: number, title: string): SeenLens => ({ line, title, command: OPEN_COMMAND_CENTER });

const DATES: readonly ImplementTarget[] = [
  { kind: 'todo', path: 'src/dates.js', startLine: 2, endLine: 2, description: 'TODO: read the separator from the locale' },
  {
    kind: 'stub',
    path: 'src/dates.js',
    startLine: 8,
    endLine: 10,
    symbol: 'parseIsoDate',
    description: 'function parseIsoDate(text)\nParses an ISO 8601 date (YYYY-MM-DD) into a UTC Date.',
  },
  { kind: 'stub', path: 'src/dates.js', startLine: 12, endLine: 14, symbol: 'formatIsoDate', description: 'const formatIsoDate = (date) =>\nTODO: pad months and days to two digits' },
  { kind: 'todo', path: 'src/dates.js', startLine: 22, endLine: 22, description: 'FIXME: compare dates, not strings\nIn Calendar.isHoliday: isHoliday(date)' },
  { kind: 'stub', path: 'src/dates.js', startLine: 26, endLine: 26, symbol: 'Calendar.nextWorkingDay', description: 'nextWorkingDay(date)' },
];

const INVENTORY: readonly ImplementTarget[] = [
  { kind: 'stub', path: 'src/inventory.py', startLine: 15, endLine: 18, symbol: 'Inventory.normalize', description: 'def normalize(sku: str) -> str\nUpper-cases the SKU and strips its spaces.' },
  { kind: 'todo', path: 'src/inventory.py', startLine: 21, endLine: 21, description: 'TODO: count reserved items separately\nIn Inventory.count: def count(self, sku)' },
  { kind: 'stub', path: 'src/inventory.py', startLine: 25, endLine: 26, symbol: 'restock', description: 'def restock(inventory, report)' },
];

async function until(what: string, probe: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('the "Implement with agents" code lens', () => {
  const failing = new Map<string, FailingTest[]>();
  const phases = new Map<string, LensPhase>();
  const testsChanged = new vscode.EventEmitter<void>();
  const workflowsChanged = new vscode.EventEmitter<void>();
  const disposables: vscode.Disposable[] = [testsChanged, workflowsChanged];
  let provider: ImplementLensProvider;
  let refreshes = 0;

  before(async () => {
    await imperiumApi();
    const log = vscode.window.createOutputChannel('Imperium Flow code lens test', { log: true });
    const registered = registerCodeLens({
      failingTests: { failing: (uri) => failing.get(uri.toString()) ?? [], onDidChange: testsChanged.event },
      workflows: { phaseOf: (key) => phases.get(key), moduleFor: moduleForTarget, onDidChange: workflowsChanged.event },
      log,
    });
    disposables.push(log, ...registered);
    const found = registered.find((disposable) => disposable instanceof ImplementLensProvider);
    assert.ok(found, 'registerCodeLens returns its provider to dispose');
    provider = found;
    disposables.push(provider.onDidChangeCodeLenses(() => refreshes++));
  });

  after(async () => {
    await vscode.workspace.getConfiguration('imperium').update('codeLens.enabled', undefined, vscode.ConfigurationTarget.Global);
    for (const disposable of disposables.splice(0).reverse()) disposable.dispose();
  });

  it('puts "Implement with agents" above each stub and TODO of a JavaScript file, from its document symbols', async function () {
    // The TypeScript extension starts its server on the first JavaScript file: on a busy machine that takes a while.
    this.timeout(150_000);
    const uri = fixtureUri('dates.js');
    await vscode.workspace.openTextDocument(uri);
    await until(
      'the TypeScript extension to report the symbols of src/dates.js',
      async () => {
        const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[] | undefined>('vscode.executeDocumentSymbolProvider', uri);
        return (symbols ?? []).some((symbol) => symbol.name === 'Calendar');
      },
      120_000,
    );
    assert.deepEqual(await lensesIn('dates.js'), DATES.map(implement));
  });

  it('reads a Python file with no symbol provider, and leaves abstract methods alone', async () => {
    assert.deepEqual(await lensesIn('inventory.py'), INVENTORY.map(implement));
  });

  it('offers "Make this pass with agents" above a failing test and shows each workflow\'s live phase', async () => {
    const uri = fixtureUri('dates.js');
    failing.set(uri.toString(), [{ testId: 'test/dates.test.js::parses dates', name: 'parses dates', line: 8, message: 'Error: not implemented' }]);
    phases.set('src/dates.js#parseIsoDate', 'failed');
    phases.set('src/dates.js#formatIsoDate', 'red');
    phases.set('src/dates.js#Calendar.isHoliday', 'done');
    const before = refreshes;
    testsChanged.fire();
    workflowsChanged.fire();
    assert.equal(refreshes - before, 2, 'each change asks the editor for the lenses again');

    const lenses = await lensesIn('dates.js');
    const expected: SeenLens[] = [
      {
        line: 8,
        title: '$(beaker) Make this pass with agents',
        command: IMPLEMENT,
        target: {
          kind: 'failing-test',
          path: 'src/dates.js',
          startLine: 8,
          endLine: 8,
          symbol: 'parses dates',
          description: 'The test "parses dates" fails:\nError: not implemented',
          testId: 'test/dates.test.js::parses dates',
        },
      },
      live(8, '$(error) Agents: failed — show'),
      implement(DATES[1]),
      live(12, '$(sync~spin) Agents: red'),
      live(21, '$(check) Agents: done'),
      implement(DATES[4]),
    ];
    for (const lens of expected) assert.ok(lenses.some((seen) => isDeepStrictEqual(seen, lens)), `missing ${JSON.stringify(lens)} among ${JSON.stringify(lenses, null, 1)}`);
    failing.clear();
    phases.clear();
    workflowsChanged.fire();
  });

  it('turns the lenses off and on again with imperium.codeLens.enabled, telling the editor at once', async () => {
    const settings = () => vscode.workspace.getConfiguration('imperium');
    const before = refreshes;
    await settings().update('codeLens.enabled', false, vscode.ConfigurationTarget.Global);
    await until('the lens to hear of the setting', async () => refreshes > before, 5_000);
    assert.deepEqual(await lensesIn('dates.js'), []);
    assert.deepEqual(await lensesIn('inventory.py'), []);

    await settings().update('codeLens.enabled', true, vscode.ConfigurationTarget.Global);
    assert.deepEqual(await lensesIn('dates.js'), DATES.map(implement));
  });
});
