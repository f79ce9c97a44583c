// The command center's Browser checks card: each finding with its status, what the checks could
// not decide, their advice, and each page's screenshots before, after and the diff as images; an
// image that is not a PNG data URI is never put in the page.
import * as assert from 'node:assert/strict';
import { applyUpdates } from '../../../src/shared/dashboardReducer';
import type { DashboardUpdate } from '../../../src/shared/dashboardState';
import { emptyDashboard } from '../../../src/shared/dashboardState';
import type { DesignChecksView } from '../../../src/shared/designChecksView';
import { DESCRIPTION, FEATURE_EVENTS, snapshotOf, stamp } from './dashboardFixture';
import { openPage, type TestPage } from './jsdomPage';

const PNG = 'data:image/png;base64,iVBORw0KGgo=';
const CHECKS: DesignChecksView = {
  source: 'design workflow',
  findings: [
    { text: 'site/index.html: button-name [critical] on button at 375, 768, 1280 px: Buttons must have discernible text', status: 'fixed' },
    { text: 'site/index.html: layout-overflow [serious] on table.prices at 375 px: scrolls sideways', status: 'fixed' },
  ],
  undecided: ['site/index.html: color-contrast on .hero: the background is a gradient'],
  advice: ['site/index.html: APCA Lc 58 below 60 for body text (p.faint)'],
  screenshots: [{ page: 'site/index.html', width: 375, before: PNG, after: PNG, diff: PNG, differentPixels: 5120, totalPixels: 300000 }],
};

function text(page: TestPage, selector: string): string {
  return [...page.document.querySelectorAll(selector)].map((element) => element.textContent?.trim() ?? '').join(' | ');
}

describe('the command center\'s browser checks', () => {
  let page: TestPage;
  afterEach(() => page?.close());

  it('keeps a workflow\'s checks in the dashboard state, within the caps', () => {
    const many: DesignChecksView = { ...CHECKS, findings: Array.from({ length: 100 }, (_, index) => ({ text: `finding ${index}`, status: 'failing' as const })) };
    const updates: DashboardUpdate[] = [DESCRIPTION, ...stamp(FEATURE_EVENTS), { type: 'design-checks', workflowId: 'wf-1', checks: many }];
    const state = applyUpdates(emptyDashboard(), updates);
    const design = state.workflows.find((workflow) => workflow.id === 'wf-1')?.design;
    assert.equal(design?.findings.length, 60);
    assert.equal(applyUpdates(emptyDashboard(), [{ type: 'design-checks', workflowId: 'unknown', checks: CHECKS }]).workflows.length, 0, 'checks for a workflow the view does not know are dropped');
  });

  it('shows each finding, what the checks could not decide, the advice, and before, after and diff images of each page and width', () => {
    page = openPage('command-center');
    page.post(snapshotOf([DESCRIPTION, ...stamp(FEATURE_EVENTS), { type: 'design-checks', workflowId: 'wf-1', checks: CHECKS }]));
    page.runFrames();
    const card = page.document.querySelector('section.design');
    assert.ok(card && !(card as HTMLElement).hidden, 'the card shows');
    assert.equal(text(page, '.design-head'), 'design workflow: 2 serious or critical findings, 2 fixed');
    assert.match(text(page, '.design-findings li'), /fixed site\/index\.html: button-name \[critical\].*\| fixed site\/index\.html: layout-overflow/);
    assert.match(text(page, '.design-notes'), /Not decided by the checks.*color-contrast on \.hero.*Advice.*APCA Lc 58/);
    assert.equal(text(page, '.design-shots h3'), 'site/index.html at 375 px · 5120 of 300000 pixels changed');
    const images = [...page.document.querySelectorAll<HTMLImageElement>('.design-shot img')];
    assert.deepEqual(images.map((image) => image.alt), ['Before: site/index.html at 375 px', 'After: site/index.html at 375 px', 'Diff: site/index.html at 375 px']);
    assert.ok(images.every((image) => image.getAttribute('src') === PNG));
  });

  it('hides the card for a workflow without browser checks, and puts no image in the page that is not a PNG data URI', () => {
    page = openPage('command-center');
    page.post(snapshotOf([DESCRIPTION, ...stamp(FEATURE_EVENTS)]));
    page.runFrames();
    assert.equal((page.document.querySelector('section.design') as HTMLElement | null)?.hidden, true);
    page.close();
    page = openPage('command-center');
    const hostile = { ...CHECKS, screenshots: [{ ...CHECKS.screenshots[0], before: 'https://example.com/track.png', after: 'data:image/svg+xml;base64,PHN2Zz4=' }] };
    page.post(snapshotOf([DESCRIPTION, ...stamp(FEATURE_EVENTS), { type: 'design-checks', workflowId: 'wf-1', checks: hostile }]));
    page.runFrames();
    assert.equal(page.document.querySelectorAll('img[src^="https:"], img[src^="data:image/svg"]').length, 0);
    assert.equal(page.document.querySelectorAll('.design-shot img').length, 1, 'the diff, a PNG, still shows');
    assert.match(text(page, '.design-shot'), /not shown: not a PNG image.*Before.*not shown: not a PNG image.*After/);
  });
});
