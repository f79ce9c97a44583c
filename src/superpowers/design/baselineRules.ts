// When a screenshot may be compared with its baseline, and what the comparison means. Pixels drift
// with the browser's version and the fonts it found, so a baseline records both; when either
// changed the comparison is refused with the reason (re-record the baseline), never failed.

/** What a baseline was taken with, stored next to its PNG. */
export interface ScreenshotEnvironment {
  /** The browser's product and version, e.g. "HeadlessChrome/156.0.8078.114". */
  readonly browserVersion: string;
  /** The platform fonts the page's text was drawn with, sorted. */
  readonly fonts: readonly string[];
  /** Viewport width in CSS pixels. */
  readonly width: number;
  readonly deviceScaleFactor: number;
}

export interface BaselineRecord extends ScreenshotEnvironment {
  readonly page: string;
  readonly recordedAt: string;
}

export type BaselineVerdict =
  | { readonly status: 'recorded'; readonly reason: string }
  | { readonly status: 'refused'; readonly reason: string }
  | { readonly status: 'same'; readonly differentPixels: number; readonly totalPixels: number }
  | { readonly status: 'changed'; readonly differentPixels: number; readonly totalPixels: number; readonly reason: string };

/** Why these two environments cannot be compared pixel for pixel, or undefined when they can. */
export function refusalReason(baseline: ScreenshotEnvironment, current: ScreenshotEnvironment): string | undefined {
  if (baseline.browserVersion !== current.browserVersion) {
    return `the baseline was taken with ${baseline.browserVersion}, this run uses ${current.browserVersion}; re-record the baseline.`;
  }
  if (baseline.width !== current.width || baseline.deviceScaleFactor !== current.deviceScaleFactor) {
    return `the baseline was taken at ${baseline.width} px (scale ${baseline.deviceScaleFactor}), this run at ${current.width} px (scale ${current.deviceScaleFactor}).`;
  }
  const before = new Set(baseline.fonts);
  const after = new Set(current.fonts);
  const gone = [...before].filter((font) => !after.has(font));
  const added = [...after].filter((font) => !before.has(font));
  if (gone.length > 0 || added.length > 0) {
    const parts = [gone.length > 0 ? `no longer drawn with ${gone.join(', ')}` : '', added.length > 0 ? `now drawn with ${added.join(', ')}` : ''].filter(Boolean);
    return `the page's fonts changed (${parts.join('; ')}); re-record the baseline.`;
  }
  return undefined;
}

/**
 * The verdict on a comparison that was allowed. `maxDifferentRatio` is the share of pixels that may
 * differ (anti-aliasing noise); 0 asks for an identical picture.
 */
export function pixelVerdict(differentPixels: number, totalPixels: number, sizeChanged: string | undefined, maxDifferentRatio: number): BaselineVerdict {
  if (!(maxDifferentRatio >= 0 && maxDifferentRatio < 1)) throw new Error(`the allowed share of different pixels must be at least 0 and below 1, not ${maxDifferentRatio}.`);
  if (sizeChanged) return { status: 'changed', differentPixels, totalPixels, reason: sizeChanged };
  if (differentPixels <= totalPixels * maxDifferentRatio) return { status: 'same', differentPixels, totalPixels };
  const percent = ((differentPixels / totalPixels) * 100).toFixed(2);
  return { status: 'changed', differentPixels, totalPixels, reason: `${differentPixels} of ${totalPixels} pixels (${percent} %) differ from the baseline.` };
}
