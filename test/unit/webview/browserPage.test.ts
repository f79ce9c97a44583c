import * as assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as esbuild from 'esbuild';
import type { RequestMessage } from '../../../src/shared/webviewProtocol';
import type { Browser } from 'playwright-core';
import { type ChromiumPage, launchChromium, openChromiumPage } from './chromiumPage';
import { EDIT_APPROVAL, ESCALATION, featureSnapshot, reviewSnapshot, snapshotOf, stamp, T0 } from './dashboardFixture';

// The real bundle in a real browser, under the page's real Content Security Policy: what jsdom
// cannot show (the policy, the toolkit's elements, the codicon font, keyboard use, network).
const repo = resolve(__dirname, '..', '..', '..');

describe('the webview bundle in Chromium', function () {
  this.timeout(60_000);
  let folder: string;
  let bundle: string;
  let browser: Browser;
  let chromium: ChromiumPage | undefined;

  before(async () => {
    browser = await launchChromium();
    folder = await mkdtemp(join(tmpdir(), 'imperium-webview-'));
    bundle = join(folder, 'webview.js');
    // The webview build of esbuild.config.mjs, to a temporary file.
    await esbuild.build({
      entryPoints: [join(repo, 'webview/src/main.ts')],
      outfile: bundle,
      bundle: true,
      platform: 'browser',
      format: 'esm',
      target: 'es2022',
      loader: { '.css': 'text', '.ttf': 'binary' },
      logLevel: 'silent',
    });
  });

  after(async () => {
    await browser.close();
    await rm(folder, { recursive: true, force: true });
  });
  afterEach(async () => {
    await chromium?.close();
    chromium = undefined;
  });

  async function open(view: 'command-center' | 'sidebar') {
    chromium = await openChromiumPage(browser, { view, bundle, stylesheet: join(repo, 'media/dashboard.css') });
    await chromium.page.waitForFunction('window.posted.length > 0');
    return chromium;
  }

  async function lastRequest(page: ChromiumPage): Promise<RequestMessage> {
    const last = (await page.posted()).at(-1);
    assert.equal(last?.type, 'request');
    return last as RequestMessage;
  }

  it('loads under the policy without a single violation, says ready, and draws with the toolkit and the codicons', async () => {
    const page = await open('command-center');
    assert.deepEqual(await page.posted(), [{ type: 'ready' }]);
    await page.post(featureSnapshot());
    await page.page.getByRole('heading', { name: 'feature (wf-1)' }).waitFor();
    const rendered = await page.page.evaluate(async () => {
      await document.fonts.ready;
      const button = document.querySelector('vscode-button');
      return {
        toolkit: customElements.get('vscode-button') !== undefined && button?.shadowRoot !== null,
        codicons: document.fonts.check('16px codicon'),
        icon: getComputedStyle(document.querySelector('.codicon') as Element, '::before').fontFamily,
        charts: [...document.querySelectorAll('canvas')].filter((canvas) => canvas.width > 0).length,
      };
    });
    assert.deepEqual(rendered, { toolkit: true, codicons: true, icon: 'codicon', charts: 4 });
    assert.deepEqual(await page.violations(), []);
    assert.deepEqual(page.outsideRequests, []);
  });

  it('is used with the mouse and the keyboard: Pause by click, Cancel by Tab (past the disabled Resume) and Enter', async () => {
    const page = await open('sidebar');
    await page.post(featureSnapshot());
    const pause = page.page.getByRole('button', { name: 'Pause', exact: true });
    await pause.click();
    const request = await lastRequest(page);
    assert.deepEqual(request.request, { kind: 'pause', workflowId: 'wf-1' });
    await page.post({ type: 'response', id: request.id, ok: true });
    await page.page.getByRole('button', { name: 'Pause', exact: true }).focus();
    await page.page.keyboard.press('Tab');
    await page.page.keyboard.press('Enter');
    assert.deepEqual((await lastRequest(page)).request, { kind: 'cancel', workflowId: 'wf-1' });
  });

  it('shows model output with a script, a remote image and javascript: links as text: nothing runs, nothing is fetched', async () => {
    const page = await open('command-center');
    const attack = '<script>window.pwned=1</script><img src="https://attacker.example/p.png" onerror="window.pwned=2"><a href="javascript:window.pwned=3">x</a>';
    await page.post(
      snapshotOf([
        { type: 'workflow-description', workflowId: 'wf-1', name: attack, steps: ['green'], phases: [], status: 'RUNNING', step: 'green', createdAt: T0, updatedAt: T0 },
        ...stamp([
          { type: 'agent', workflowId: 'wf-1', agent: 'codebot', state: 'started', message: attack },
          { type: 'verdict', workflowId: 'wf-1', subject: 'change', member: 'cso', decision: 'veto', summary: attack },
        ]),
      ]),
    );
    await page.page.getByText(attack).first().waitFor();
    await page.page.waitForTimeout(300);
    const found = await page.page.evaluate(() => ({
      pwned: (window as unknown as { pwned?: number }).pwned ?? null,
      elements: document.querySelectorAll('main script, main img, main a').length,
    }));
    assert.deepEqual(found, { pwned: null, elements: 0 });
    assert.deepEqual(page.outsideRequests, []);
    assert.deepEqual(await page.violations(), []);
  });

  it('decides approvals from the keyboard alone, and keeps focus among them as each is decided', async () => {
    const page = await open('sidebar');
    await page.post(reviewSnapshot());
    const approve = page.page.getByRole('button', { name: 'Approve the edit to src/search.js' });
    await approve.focus();
    await page.page.keyboard.press('Enter');
    const request = await lastRequest(page);
    assert.deepEqual(request.request, { kind: 'decide', approvalId: EDIT_APPROVAL.id, approved: true });
    await page.post({ type: 'response', id: request.id, ok: true });
    await page.post({ type: 'updates', updates: [{ type: 'approval-settled', id: EDIT_APPROVAL.id }] });
    const first = ESCALATION.kind === 'escalation' ? ESCALATION.options[0] : '';
    await page.page.waitForFunction((name) => document.activeElement?.getAttribute('aria-label') === name, first);
    await page.page.keyboard.press('Tab');
    await page.page.keyboard.press('Space');
    assert.deepEqual((await lastRequest(page)).request, { kind: 'decide', approvalId: ESCALATION.id, approved: true, choice: 'Skip this edit' });
    assert.deepEqual(await page.violations(), []);
  });

  it('edits a memory in the toolkit fields under the policy', async () => {
    const page = await open('command-center');
    await page.post(reviewSnapshot());
    await page.page.getByText('Search is case-insensitive').click();
    await page.page.getByRole('button', { name: 'Edit the memory "Search is case-insensitive"' }).click();
    const title = page.page.locator('vscode-text-field.memory-title-field input');
    await title.fill('Searches ignore case');
    await page.page.getByRole('button', { name: 'Save the memory "Search is case-insensitive"' }).click();
    assert.deepEqual((await lastRequest(page)).request, { kind: 'edit-memory', memoryId: 'mem-1', title: 'Searches ignore case' });
    assert.deepEqual(await page.violations(), []);
    assert.deepEqual(page.errors, []);
  });
});
