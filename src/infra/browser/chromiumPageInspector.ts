// The PageInspector over headless Chromium for one workspace folder: pages are workspace-relative
// HTML paths (never outside the root), may load any file of the workspace and nothing from the
// network; baselines live in a folder the composition root chooses. The browser starts on first use.
import { readFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PageInspector, PageRender, ScreenshotComparison, ScreenshotDiff } from '../../superpowers/design/pageInspector';
import type { PageCheck } from '../../superpowers/design/uiCheckReport';
import { openChromium, SYSTEM_CHROMIUM, type ChromiumSession } from './chromiumSession';
import { accessibilityTree, checkPage, openTarget } from './pageChecker';
import { PageTargetError, type PageTarget } from './pageTargets';
import { diffPngs } from './pixelDiff';
import { ScreenshotBaselines, takeScreenshot } from './screenshotBaselines';
import { writeStateFile } from '../store/stateFileWrite';

export interface ChromiumPageInspectorOptions {
  /** The workspace folder, absolute. */
  readonly root: string;
  /** Where screenshot baselines are kept, absolute, inside `root` (written through real folders only). */
  readonly baselines: string;
  /** Where kept screenshots and diffs go (a workflow's before and after), absolute, inside `root`. */
  readonly artifacts: string;
  readonly executablePath?: string;
  /** Share of pixels that may differ from a baseline (default 0). */
  readonly maxDifferentRatio?: number;
}

export class ChromiumPageInspector implements PageInspector {
  private session: Promise<ChromiumSession> | undefined;
  private readonly baselines: ScreenshotBaselines;

  constructor(private readonly options: ChromiumPageInspectorOptions) {
    this.baselines = new ScreenshotBaselines(options.baselines, options.root, options.maxDifferentRatio ?? 0);
  }

  async browserVersion(): Promise<string> {
    return (await this.browser()).browserVersion;
  }

  async check(page: string, widths: readonly number[]): Promise<PageCheck> {
    return checkPage(await this.browser(), this.target(page), widths);
  }

  async accessibilityTree(page: string, width: number): Promise<string> {
    const opened = await openTarget(await this.browser(), this.target(page), width);
    try {
      return await accessibilityTree(opened.page);
    } finally {
      await opened.page.close();
    }
  }

  async render(page: string, width: number): Promise<PageRender> {
    const opened = await openTarget(await this.browser(), this.target(page), width);
    try {
      const measured = (await opened.page.evaluate(`({
        title: document.title,
        documentWidth: document.documentElement.scrollWidth,
        documentHeight: document.documentElement.scrollHeight,
        textLength: (document.body ? document.body.innerText : '').trim().length,
        elementCount: document.getElementsByTagName('*').length,
      })`)) as Pick<PageRender, 'title' | 'documentWidth' | 'documentHeight' | 'textLength' | 'elementCount'>;
      return { page, width, ...measured, blockedRequests: [...opened.blockedRequests], errors: [...opened.errors] };
    } finally {
      await opened.page.close();
    }
  }

  async compareScreenshot(page: string, width: number): Promise<ScreenshotComparison> {
    const shot = await takeScreenshot(await this.browser(), this.target(page), width);
    const comparison = await this.baselines.compare(shot);
    return { page, width, png: shot.png, ...comparison };
  }

  async screenshot(page: string, width: number): Promise<Buffer> {
    return (await takeScreenshot(await this.browser(), this.target(page), width)).png;
  }

  async keepScreenshot(page: string, width: number, name: string): Promise<string> {
    const png = await this.screenshot(page, width);
    return this.keep(name, png);
  }

  async keepDiff(before: string, after: string, name: string): Promise<ScreenshotDiff> {
    const diff = diffPngs(await readFile(before), await readFile(after));
    const path = await this.keep(name, diff.diffPng);
    return { path, differentPixels: diff.differentPixels, totalPixels: diff.totalPixels, ...(diff.sizeChanged !== undefined && { sizeChanged: diff.sizeChanged }) };
  }

  async close(): Promise<void> {
    const session = this.session;
    this.session = undefined;
    if (session) await (await session).close();
  }

  private async keep(name: string, png: Buffer): Promise<string> {
    if (!/^[\w.@-]+$/.test(name)) throw new Error(`an artifact name is letters, digits and . @ - _ only, not "${name}".`);
    const path = join(this.options.artifacts, `${name}.png`);
    await writeStateFile(path, png, this.options.root);
    return path;
  }

  private browser(): Promise<ChromiumSession> {
    this.session ??= openChromium(this.options.executablePath ?? SYSTEM_CHROMIUM);
    // A failed launch is not kept: the next call tries again.
    this.session.catch(() => (this.session = undefined));
    return this.session;
  }

  /** A workspace-relative HTML path as a target; the caller has already checked it with the Workspace's path policy. */
  private target(page: string): PageTarget {
    const root = resolve(this.options.root);
    const path = resolve(root, page);
    const inside = relative(root, path);
    if (inside.startsWith('..') || inside === '' || resolve(inside) === inside) throw new PageTargetError(`${page} is outside the workspace.`);
    if (!/\.html?$/i.test(path)) throw new PageTargetError(`${page} is not an HTML file (.html or .htm).`);
    const rootUrl = pathToFileURL(root).href;
    return { name: inside.split(sep).join('/'), url: pathToFileURL(path).href, allowedPrefix: rootUrl.endsWith('/') ? rootUrl : `${rootUrl}/` };
  }
}
