// "Check This Page's UI": a real check of the defects fixture in headless Chromium, its findings
// turned into problems on the file's lines, serious and critical ones as errors.
import * as assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { lineOfElement, pageProblems } from '../../../../src/host/design/pageProblems';
import { openChromium } from '../../../../src/infra/browser/chromiumSession';
import { checkPages } from '../../../../src/infra/browser/pageChecker';
import { resolvePageTargets } from '../../../../src/infra/browser/pageTargets';

const PAGES = resolve(__dirname, '..', '..', '..', 'fixtures', 'ui-pages');

describe('a page check as problems on the HTML file', function () {
  this.timeout(120_000);

  it('puts each planted defect on the line of its element, as an error, and passes the mended page', async () => {
    const session = await openChromium();
    try {
      const page = join(PAGES, 'defects', 'index.html');
      const text = await readFile(page, 'utf8');
      const [check] = (await checkPages(session, await resolvePageTargets(page, join(PAGES, 'defects')), [375, 768, 1280])).pages;
      const problems = pageProblems(check, text);
      const lines = text.split('\n');
      const errorOn = (rule: string) => problems.find((problem) => problem.rule === rule && problem.severity === 'error');
      for (const [rule, tag] of [['image-alt', '<img'], ['label', '<input'], ['button-name', '<button'], ['color-contrast', 'class="faint"'], ['layout-overflow', 'class="prices"']] as const) {
        const problem = errorOn(rule);
        assert.ok(problem, `${rule} is an error: ${JSON.stringify(problems)}`);
        assert.ok(lines[problem.line].includes(tag), `${rule} is on the line of ${tag}, not "${lines[problem.line]}"`);
      }
      assert.match(errorOn('layout-overflow')?.message ?? '', /at 375 px\)$/);
      const mended = join(PAGES, 'mended', 'index.html');
      const [clean] = (await checkPages(session, await resolvePageTargets(mended, join(PAGES, 'mended')), [375, 768, 1280])).pages;
      assert.deepEqual(pageProblems(clean, await readFile(mended, 'utf8')).filter((problem) => problem.severity === 'error'), []);
    } finally {
      await session.close();
    }
  });

  it('finds an element by id, by tag and class, by class, by tag, and falls back to the first line', () => {
    const text = ['<main>', '  <p class="note lead">x</p>', '  <form id="order">', '    <input class="wide" name="a">', '  </form>', '</main>'].join('\n');
    assert.equal(lineOfElement(text, '#order'), 2);
    assert.equal(lineOfElement(text, 'main > form input.wide'), 3);
    assert.equal(lineOfElement(text, '.lead'), 1);
    assert.equal(lineOfElement(text, 'form'), 2);
    assert.equal(lineOfElement(text, 'svg'), 0);
    assert.equal(lineOfElement(text, ''), 0);
  });
});
