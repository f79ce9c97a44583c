// What the design agent and the design workflow ask of a browser, by workspace-relative page path:
// check a page, read its accessibility tree, render it, and compare its screenshot with a baseline.
// The composition root gives them one (infra/browser/chromiumPageInspector.ts).
import type { BaselineVerdict } from './baselineRules';
import type { PageCheck } from './uiCheckReport';

export interface PageRender {
  readonly page: string;
  readonly width: number;
  readonly title: string;
  readonly documentWidth: number;
  readonly documentHeight: number;
  /** Characters of visible text: 0 means the page came up blank. */
  readonly textLength: number;
  readonly elementCount: number;
  readonly blockedRequests: readonly string[];
  readonly errors: readonly string[];
}

export interface ScreenshotComparison {
  readonly page: string;
  readonly width: number;
  readonly verdict: BaselineVerdict;
  /** The screenshot just taken, PNG. */
  readonly png: Buffer;
  readonly baselinePath: string;
  readonly diffPath?: string;
}

export interface ScreenshotDiff {
  readonly path: string;
  readonly differentPixels: number;
  readonly totalPixels: number;
  readonly sizeChanged?: string;
}

export interface PageInspector {
  /** The browser's product and version. */
  browserVersion(): Promise<string>;
  check(page: string, widths: readonly number[]): Promise<PageCheck>;
  accessibilityTree(page: string, width: number): Promise<string>;
  render(page: string, width: number): Promise<PageRender>;
  /** Screenshot at `width`, compared with the page's baseline (recorded when there is none). */
  compareScreenshot(page: string, width: number): Promise<ScreenshotComparison>;
  /** Full-page screenshot, PNG, without comparing. */
  screenshot(page: string, width: number): Promise<Buffer>;
  /** Full-page screenshot kept as an artifact named `name` (no extension); resolves with its path. */
  keepScreenshot(page: string, width: number, name: string): Promise<string>;
  /** Compares two kept screenshots and keeps the diff image as `name`; resolves with what differed. */
  keepDiff(before: string, after: string, name: string): Promise<ScreenshotDiff>;
  close(): Promise<void>;
}
