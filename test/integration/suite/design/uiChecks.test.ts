// UI checks in the real editor, on a copy of test/fixtures/shop-site (a checkout page with planted
// accessibility and layout defects): "Check This Page's UI" puts them in the Problems view; the
// design workflow, on the scripted model server, goes red then green, and the command center shows
// its findings and the screenshots before, after and their diff.
import * as assert from 'node:assert/strict';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { type ScriptedModelServer, startScriptedModelServer } from '../../../../src/llm/scriptedServer/scriptedModelServer';
import type { WorkflowsApi } from '../../../../src/host/api';
import { imperiumApi, imperiumExtension } from '../imperium';
import { PageDriver } from '../pageDriver';

const PAGE = 'site/checkout.html';

function root(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the run opens a folder');
  return folder.uri;
}

const approve = (summary: string) => JSON.stringify({ decision: 'approve', summary, findings: [] });

describe('UI checks in the editor', function () {
  this.timeout(300_000);
  let server: ScriptedModelServer | undefined;
  let workflows: WorkflowsApi;

  before(async () => {
    workflows = await (await imperiumApi()).workflows();
  });

  after(() => server?.close());

  it("Check This Page's UI puts each planted defect in the Problems view on its element's line, serious and critical ones as errors", async () => {
    const uri = vscode.Uri.joinPath(root(), ...PAGE.split('/'));
    const result = await vscode.commands.executeCommand<{ page: string; serious: number; problems: number } | undefined>('imperium.checkPageUi', uri);
    assert.ok(result, 'the command answers with what it found');
    assert.equal(result.page, PAGE);
    assert.ok(result.serious >= 5, `serious problems: ${result.serious}`);
    const problems = vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'Imperium UI check');
    const text = (await vscode.workspace.openTextDocument(uri)).getText().split('\n');
    const errorOf = (rule: string) => problems.find((problem) => problem.severity === vscode.DiagnosticSeverity.Error && (typeof problem.code === 'object' ? problem.code.value : problem.code) === rule);
    for (const [rule, tag] of [['button-name', '<button'], ['image-alt', '<img'], ['label', '<input'], ['color-contrast', 'faint'], ['layout-overflow', 'prices']] as const) {
      const problem = errorOf(rule);
      assert.ok(problem, `${rule} is an error in the Problems view`);
      assert.ok(text[problem.range.start.line].includes(tag), `${rule} is on the line of ${tag}`);
    }
  });

  it('runs a design workflow red then green, and the command center shows its findings and the screenshots before, after and their diff', async function () {
    const driver = PageDriver.fromEnvironment();
    if (!driver) this.skip();
    const fixtures = join(imperiumExtension().extensionPath, 'test', 'fixtures', 'ui-pages', 'mended');
    server = await startScriptedModelServer({
      roles: {
        designbot: [
          { toolCalls: [{ name: 'check_ui', arguments: { page: PAGE } }] },
          {
            toolCalls: [
              { name: 'write_file', arguments: { path: PAGE, content: await readFile(join(fixtures, 'index.html'), 'utf8') } },
              { name: 'write_file', arguments: { path: 'site/style.css', content: await readFile(join(fixtures, 'style.css'), 'utf8') } },
            ],
          },
          { toolCalls: [{ name: 'finish', arguments: { summary: 'Names, alt text, a label, darker text, a table that fits.', changed_files: [PAGE, 'site/style.css'], pages: [PAGE] } }] },
        ],
        'product-owner': [{ content: approve('The page does what was asked.') }],
        cto: [{ content: approve('Small markup and style changes.') }],
        cso: [{ content: approve('Nothing sensitive.') }],
      },
    });
    const settings = vscode.workspace.getConfiguration('imperium');
    await settings.update('model.baseUrl', server.url, vscode.ConfigurationTarget.Global);
    await settings.update('model.name', 'scripted-model', vscode.ConfigurationTarget.Global);
    const workflowId = await vscode.commands.executeCommand<string>('imperium.startWorkflow', { workflow: 'design', request: `Make ${PAGE} usable with a screen reader and let it fit phones.` });
    assert.ok(workflowId, 'the command answers with the workflow id');
    const settled = await workflows.settled(workflowId);
    assert.equal(settled.status, 'COMPLETED', settled.reason);
    // Kept where the host shows them from: <folder>/.imperium/design/.
    for (const width of [375, 768, 1280]) {
      for (const label of ['before', 'after', 'diff']) {
        const file = join(root().fsPath, '.imperium', 'design', `${workflowId}-${label}-site_checkout.html@${width}.png`);
        assert.ok((await stat(file)).size > 0, file);
      }
    }

    await vscode.commands.executeCommand('imperium.openCommandCenter');
    const page = driver as PageDriver;
    const [head] = await page.texts('command-center', '.design-head', 60_000);
    assert.match(head, /^design workflow: \d+ serious or critical findings?, \d+ fixed$/);
    const [count, fixed] = (/(\d+) serious.*?(\d+) fixed/.exec(head) ?? []).slice(1).map(Number);
    assert.ok(count >= 5 && fixed === count, head);
    const alts = await page.attributes('command-center', '.design-shot img', 'alt', 30_000);
    for (const width of [375, 768, 1280]) for (const label of ['Before', 'After', 'Diff']) assert.ok(alts.includes(`${label}: ${PAGE} at ${width} px`), `${label} at ${width} px shown: ${alts.join(', ')}`);
    const sources = await page.attributes('command-center', '.design-shot img', 'src');
    assert.ok(sources.every((source) => source?.startsWith('data:image/png;base64,')), 'every image is a PNG the host read');
    await page.screenshot(join(root().fsPath, '.imperium', 'command-center-design.png'), 'command-center');
  });
});
