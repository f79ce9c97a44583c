// Screenshots of a page and their baselines on disk: a PNG plus a JSON record of the browser version
// and fonts it was taken with. Comparing refuses (with the reason) when those changed, records a
// baseline when none exists, and otherwise compares the pixels and writes a diff image.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pixelVerdict, refusalReason, type BaselineRecord, type BaselineVerdict, type ScreenshotEnvironment } from '../../superpowers/design/baselineRules';
import { writeStateFile } from '../store/stateFileWrite';
import type { ChromiumSession } from './chromiumSession';
import { openTarget } from './pageChecker';
import { platformFonts } from './pageFonts';
import type { PageTarget } from './pageTargets';
import { diffPngs } from './pixelDiff';

export interface Screenshot {
  readonly page: string;
  readonly png: Buffer;
  readonly environment: ScreenshotEnvironment;
}

/** The whole page (not only the first screen) at this width. */
export async function takeScreenshot(session: ChromiumSession, target: PageTarget, width: number): Promise<Screenshot> {
  const { page } = await openTarget(session, target, width);
  try {
    const png = await page.screenshot({ fullPage: true, animations: 'disabled', caret: 'hide' });
    const fonts = await platformFonts(page);
    return { page: target.name, png, environment: { browserVersion: session.browserVersion, fonts, width, deviceScaleFactor: 1 } };
  } finally {
    await page.close();
  }
}

export interface BaselineComparison {
  readonly verdict: BaselineVerdict;
  readonly baselinePath: string;
  /** Written when pixels were compared and differ. */
  readonly diffPath?: string;
}

export class ScreenshotBaselines {
  /**
   * `container`: the workspace the folder lies in; no write may leave it through a symbolic link.
   * `maxDifferentRatio`: the share of pixels that may differ and still count as the same (default 0).
   */
  constructor(
    private readonly folder: string,
    private readonly container: string,
    private readonly maxDifferentRatio = 0,
  ) {}

  async compare(shot: Screenshot): Promise<BaselineComparison> {
    const base = join(this.folder, `${slug(shot.page)}@${shot.environment.width}`);
    const baselinePath = `${base}.png`;
    const record = await readRecord(`${base}.json`);
    if (!record) {
      await this.record(shot);
      return { verdict: { status: 'recorded', reason: `no baseline yet; recorded ${baselinePath}.` }, baselinePath };
    }
    const refused = refusalReason(record, shot.environment);
    if (refused) return { verdict: { status: 'refused', reason: refused }, baselinePath };
    const diff = diffPngs(await readFile(baselinePath), shot.png);
    const verdict = pixelVerdict(diff.differentPixels, diff.totalPixels, diff.sizeChanged, this.maxDifferentRatio);
    if (verdict.status !== 'changed') return { verdict, baselinePath };
    const diffPath = `${base}.diff.png`;
    await writeStateFile(diffPath, diff.diffPng, this.container);
    return { verdict, baselinePath, diffPath };
  }

  /** Makes this screenshot the baseline (a person accepted the change, or there was none). */
  async record(shot: Screenshot): Promise<void> {
    const base = join(this.folder, `${slug(shot.page)}@${shot.environment.width}`);
    await writeStateFile(`${base}.png`, shot.png, this.container);
    const record: BaselineRecord = { page: shot.page, recordedAt: new Date().toISOString(), ...shot.environment };
    await writeStateFile(`${base}.json`, `${JSON.stringify(record, null, 2)}\n`, this.container);
  }
}

async function readRecord(path: string): Promise<BaselineRecord | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
  const record = JSON.parse(text) as Partial<BaselineRecord>;
  if (typeof record.browserVersion !== 'string' || !Array.isArray(record.fonts) || typeof record.width !== 'number' || typeof record.deviceScaleFactor !== 'number') {
    throw new Error(`${path} is not a screenshot baseline record (browserVersion, fonts, width, deviceScaleFactor).`);
  }
  return record as BaselineRecord;
}

function slug(page: string): string {
  return page.replace(/^[a-z]+:\/\//i, '').replace(/[^\w.-]+/g, '_').replace(/^_+|_+$/g, '') || 'page';
}
