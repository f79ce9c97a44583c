import * as assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openChromium, type ChromiumSession } from '../../../../src/infra/browser/chromiumSession';
import { accessibilityTree, checkPage, openTarget } from '../../../../src/infra/browser/pageChecker';
import { isLoopbackUrl, resolvePageTargets } from '../../../../src/infra/browser/pageTargets';
import { ScreenshotBaselines, takeScreenshot } from '../../../../src/infra/browser/screenshotBaselines';
import { gates } from '../../../../src/superpowers/design/uiFinding';

// The checks in the system's headless Chromium, on fixture pages with planted defects and their mended copies.
const fixtures = resolve(__dirname, '..', '..', '..', 'fixtures', 'ui-pages');

describe('UI checks in headless Chromium', function () {
  this.timeout(120_000);
  let session: ChromiumSession;
  let folder: string;

  before(async () => {
    session = await openChromium();
    folder = await mkdtemp(join(tmpdir(), 'imperium-ui-'));
  });

  after(async () => {
    await session?.close();
    await rm(folder, { recursive: true, force: true });
  });

  it('finds every planted defect, with its rule, element and widths, and the overflow only at 375 px', async () => {
    const [target] = await resolvePageTargets(join(fixtures, 'defects'), fixtures);
    const check = await checkPage(session, target, [375, 768, 1280]);
    const failing = check.findings.filter(gates);
    assert.deepEqual(failing.map((finding) => finding.rule).sort(), ['button-name', 'color-contrast', 'image-alt', 'label', 'layout-overflow']);
    const byRule = new Map(failing.map((finding) => [finding.rule, finding]));
    assert.deepEqual(byRule.get('layout-overflow')?.widths, [375]);
    assert.equal(byRule.get('layout-overflow')?.element, 'body > main > table');
    assert.deepEqual(byRule.get('image-alt')?.widths, [375, 768, 1280]);
    assert.equal(byRule.get('image-alt')?.element, 'img');
    assert.equal(check.page, 'index.html');
    assert.deepEqual(check.advice.map((item) => item.rule), ['apca-contrast'], 'the faint text also gets APCA advice');
  });

  it('passes the mended page at every width', async () => {
    const [target] = await resolvePageTargets(join(fixtures, 'mended', 'index.html'), fixtures);
    const check = await checkPage(session, target, [375, 768, 1280]);
    assert.deepEqual(check.findings, []);
    assert.deepEqual(check.review, []);
  });

  it('reports content cut off where the page hides its overflow, and a text run clipped in its box without gating it', async () => {
    const page = join(folder, 'hidden.html');
    await writeFile(page, `<!doctype html><html lang="en"><head><title>t</title><style>body{overflow-x:hidden;margin:0} .wide{width:700px;background:#eee} .clip{width:60px;overflow:hidden;white-space:nowrap}</style></head>
      <body><main><div class="wide">wide</div><p class="clip">A sentence much longer than sixty pixels</p></main></body></html>`);
    const [target] = await resolvePageTargets(page, folder);
    const check = await checkPage(session, target, [375]);
    const rules = check.findings.map((finding) => `${finding.rule} ${finding.element}`);
    assert.ok(rules.includes('layout-cut-off body > main > div'), rules.join('; '));
    assert.ok(rules.includes('layout-clipped-text body > main > p'), rules.join('; '));
    assert.equal(check.findings.find((finding) => finding.rule === 'layout-clipped-text')?.impact, 'moderate');
  });

  it('blocks and reports requests outside the page’s folder', async () => {
    const page = join(folder, 'remote.html');
    await writeFile(page, '<!doctype html><html lang="en"><head><title>t</title><link rel="stylesheet" href="https://cdn.example.invalid/x.css"></head><body><main><h1>Hi</h1><img src="file:///etc/hostname" alt="x"></main></body></html>');
    const [target] = await resolvePageTargets(page, folder);
    const check = await checkPage(session, target, [768]);
    assert.deepEqual([...check.blockedRequests].sort(), ['file:///etc/hostname', 'https://cdn.example.invalid/x.css']);
  });

  it('checks a page a dev server serves on loopback, and refuses any other host', async () => {
    const server: Server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<!doctype html><html lang="en"><head><title>Dev</title></head><body><main><h1>Dev server</h1><button></button></main></body></html>');
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
      const [target] = await resolvePageTargets(url, folder);
      const check = await checkPage(session, target, [1280]);
      assert.deepEqual(check.findings.filter(gates).map((finding) => `${finding.rule} ${finding.page}`), [`button-name ${url}`]);
    } finally {
      server.closeAllConnections();
      await new Promise((done) => server.close(done));
    }
    assert.equal(isLoopbackUrl('http://localhost:5173/'), true);
    assert.equal(isLoopbackUrl('http://[::1]:8080/a'), true);
    assert.equal(isLoopbackUrl('http://192.168.1.2/'), false);
    assert.equal(isLoopbackUrl('file:///etc/passwd'), false);
    await assert.rejects(resolvePageTargets('https://example.com/', folder), /only pages served on loopback/);
    await assert.rejects(resolvePageTargets(join(fixtures, 'defects', 'style.css'), folder), /not an HTML file/);
    await assert.rejects(resolvePageTargets(join(folder, 'missing'), folder), /does not exist/);
  });

  it('reads the accessibility tree: roles and names, as a person using a screen reader meets them', async () => {
    const [target] = await resolvePageTargets(join(fixtures, 'mended', 'index.html'), fixtures);
    const { page } = await openTarget(session, target, 768);
    try {
      const tree = await accessibilityTree(page);
      assert.match(tree, /heading "Order a box of tea" \[level=1\]/);
      assert.match(tree, /img "A green tea box"/);
      assert.match(tree, /textbox "Email"/);
      assert.match(tree, /button "Order"/);
    } finally {
      await page.close();
    }
  });

  it('records a screenshot baseline with browser and fonts, finds the same render identical, a changed page different, and refuses when the environment changed', async () => {
    const site = join(folder, 'site');
    await cp(join(fixtures, 'mended'), site, { recursive: true });
    const baselines = new ScreenshotBaselines(join(folder, 'baselines'), folder);
    const [target] = await resolvePageTargets(join(site, 'index.html'), site);

    const first = await takeScreenshot(session, target, 375);
    assert.ok(first.environment.fonts.length > 0, 'the fonts the text was drawn with are recorded');
    assert.equal((await baselines.compare(first)).verdict.status, 'recorded');
    const record = JSON.parse(await readFile(join(folder, 'baselines', 'index.html@375.json'), 'utf8')) as { browserVersion: string; fonts: string[] };
    assert.equal(record.browserVersion, session.browserVersion);

    const again = await baselines.compare(await takeScreenshot(session, target, 375));
    assert.deepEqual(again.verdict, { status: 'same', differentPixels: 0, totalPixels: again.verdict.status === 'same' ? again.verdict.totalPixels : -1 });

    await writeFile(join(site, 'style.css'), `${await readFile(join(site, 'style.css'), 'utf8')}\nh1 { color: #b00020; }\n`);
    const changed = await baselines.compare(await takeScreenshot(session, target, 375));
    assert.equal(changed.verdict.status, 'changed');
    assert.ok(changed.diffPath && (await readFile(changed.diffPath)).length > 0, 'a diff image is written');

    await writeFile(join(folder, 'baselines', 'index.html@375.json'), JSON.stringify({ ...record, browserVersion: 'Chrome/155.0.0.1' }));
    const refused = await baselines.compare(await takeScreenshot(session, target, 375));
    assert.equal(refused.verdict.status, 'refused');
    assert.match(refused.verdict.status === 'refused' ? refused.verdict.reason : '', /Chrome\/155\.0\.0\.1/);

    await writeFile(join(folder, 'baselines', 'index.html@375.json'), JSON.stringify({ ...record, fonts: ['Comic Neue'] }));
    const fonts = await baselines.compare(await takeScreenshot(session, target, 375));
    assert.equal(fonts.verdict.status, 'refused');
    assert.match(fonts.verdict.status === 'refused' ? fonts.verdict.reason : '', /fonts changed \(no longer drawn with Comic Neue/);
  });
});
