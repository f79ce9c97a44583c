// A workflow's browser checks as the command center gets them: read from the design workflow's
// outputs (red only, then red, green and review) or from DesignBot's part of a feature workflow,
// with the kept screenshots read as PNG data URIs from the screenshots folder and nowhere else.
import * as assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WorkflowSnapshot } from '../../../../src/core/orchestrator/workflowState';
import { designChecksOf, pngFilesIn } from '../../../../src/host/dashboard/designChecksOf';
import { PNG_DATA_URI } from '../../../../src/shared/designChecksView';

// The 8-byte PNG signature and a few bytes: what the reader sends is the file, base64.
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
const FAILING = ['site/index.html: button-name [critical] on button at 375, 768, 1280 px: Buttons must have discernible text'];

function snapshot(name: string, outputs: Record<string, unknown>): WorkflowSnapshot {
  return { id: 'wf-1', definition: { name, version: 1, steps: [] }, input: { request: 'r' }, status: 'RUNNING', createdAt: 0, updatedAt: 0, stepIndex: 0, outputs, jumps: {}, tasks: [] } as unknown as WorkflowSnapshot;
}

describe('the browser checks the command center shows', () => {
  let folder: string;
  let shots: string;
  const path = (name: string) => join(shots, `${name}.png`);

  before(async () => {
    folder = await mkdtemp(join(tmpdir(), 'imperium-design-view-'));
    shots = join(folder, '.imperium', 'design');
    await mkdir(shots, { recursive: true });
    for (const name of ['before', 'after', 'diff']) await writeFile(path(name), PNG);
    await writeFile(path('huge'), Buffer.alloc(4096));
    await writeFile(join(folder, 'secret.png'), PNG);
  });

  after(() => rm(folder, { recursive: true, force: true }));

  it('shows a design workflow after red: each finding failing, the screenshots before', async () => {
    const view = await designChecksOf(snapshot('design', { red: { failing: FAILING, before: [{ page: 'site/index.html', width: 375, path: path('before') }] } }), pngFilesIn(shots, 1024));
    assert.ok(view);
    assert.equal(view.source, 'design workflow');
    assert.deepEqual(view.findings, [{ text: FAILING[0], status: 'failing' }]);
    assert.equal(view.screenshots.length, 1);
    assert.equal(view.screenshots[0].before, `data:image/png;base64,${PNG.toString('base64')}`);
    assert.match(view.screenshots[0].before ?? '', PNG_DATA_URI);
    assert.equal(view.screenshots[0].after, undefined);
  });

  it('shows a design workflow after review: findings fixed, what axe could not decide, advice, and before, after and diff with the pixels changed', async () => {
    const view = await designChecksOf(
      snapshot('design', {
        red: { failing: FAILING, before: [{ page: 'site/index.html', width: 375, path: path('before') }] },
        green: { review: ['site/index.html: color-contrast on .hero: overlaid'], advice: ['site/index.html: APCA Lc 58 (p)'] },
        review: { screenshots: [{ page: 'site/index.html', width: 375, before: path('before'), after: path('after'), diff: path('diff'), differentPixels: 120, totalPixels: 300000 }] },
      }),
      pngFilesIn(shots, 1024),
    );
    assert.ok(view);
    assert.deepEqual(view.findings.map((finding) => finding.status), ['fixed']);
    assert.deepEqual(view.undecided, ['site/index.html: color-contrast on .hero: overlaid']);
    assert.deepEqual(view.advice, ['site/index.html: APCA Lc 58 (p)']);
    const [shot] = view.screenshots;
    for (const image of [shot.before, shot.after, shot.diff]) assert.match(image ?? '', PNG_DATA_URI);
    assert.deepEqual([shot.differentPixels, shot.totalPixels, shot.note], [120, 300000, undefined]);
  });

  it('shows DesignBot\'s part of a feature workflow, and nothing for a workflow that ran no browser checks', async () => {
    const green = {
      dispatched: [
        { agent: 'codebot', checkedBy: 'tests', tasks: ['x'], attempts: 1, summary: 's' },
        { agent: 'designbot', checkedBy: 'own checks', tasks: ['page'], attempts: 1, summary: 's', failingBefore: FAILING, evidence: { lines: [], undecided: [], advice: [], screenshots: [{ page: 'site/index.html', width: 768, before: path('before'), after: path('after'), diff: path('diff'), differentPixels: 1, totalPixels: 2 }] } },
      ],
    };
    const view = await designChecksOf(snapshot('feature', { green }), pngFilesIn(shots, 1024));
    assert.equal(view?.source, 'DesignBot');
    assert.deepEqual(view?.findings, [{ text: FAILING[0], status: 'fixed' }]);
    assert.equal(view?.screenshots[0].width, 768);
    assert.equal(await designChecksOf(snapshot('feature', { green: { dispatched: [green.dispatched[0]] } }), pngFilesIn(shots, 1024)), undefined);
    assert.equal(await designChecksOf(snapshot('fix', {}), pngFilesIn(shots, 1024)), undefined);
    assert.equal(await designChecksOf(snapshot('design', {}), pngFilesIn(shots, 1024)), undefined, 'nothing before red completed');
  });

  it('reads only PNG files kept in the screenshots folder, names one too large to show, and says which cannot be read', async () => {
    const read = pngFilesIn(shots, 1024);
    assert.deepEqual(await read(join(folder, 'secret.png')), { note: `${join(folder, 'secret.png')} is not a screenshot this workspace kept` });
    assert.deepEqual(await read(join(shots, '..', '..', 'secret.png')), { note: `${join(shots, '..', '..', 'secret.png')} is not a screenshot this workspace kept` });
    assert.match(JSON.stringify(await read(join(shots, 'notes.txt'))), /not a screenshot/);
    assert.deepEqual(await read(path('huge')), { note: `huge.png is 4 KiB, more than the 1 KiB shown; open it from ${shots}` });
    assert.match(JSON.stringify(await read(path('gone'))), /gone\.png cannot be read \(ENOENT\)/);
    const view = await designChecksOf(snapshot('design', { red: { failing: FAILING, before: [{ page: 'site/index.html', width: 375, path: path('gone') }] } }), read);
    assert.match(view?.screenshots[0].note ?? '', /^before: gone\.png cannot be read/);
  });
});
