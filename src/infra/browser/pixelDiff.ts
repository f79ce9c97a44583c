// Two PNG screenshots compared pixel by pixel (pixelmatch), with a diff image that marks what changed.
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';

export interface PixelDiff {
  readonly differentPixels: number;
  readonly totalPixels: number;
  /** Set when the pictures differ in size; they are then compared over their common area. */
  readonly sizeChanged?: string;
  readonly diffPng: Buffer;
}

/** pixelmatch's per-pixel colour threshold (0 to 1): small anti-aliasing shifts do not count. */
const THRESHOLD = 0.1;

export function diffPngs(before: Buffer, after: Buffer): PixelDiff {
  const a = PNG.sync.read(before);
  const b = PNG.sync.read(after);
  const width = Math.max(a.width, b.width);
  const height = Math.max(a.height, b.height);
  const sizeChanged = a.width !== b.width || a.height !== b.height ? `the picture was ${a.width}x${a.height} px and is ${b.width}x${b.height} px.` : undefined;
  const left = sizeChanged ? padded(a, width, height) : a;
  const right = sizeChanged ? padded(b, width, height) : b;
  const diff = new PNG({ width, height });
  const differentPixels = pixelmatch(left.data, right.data, diff.data, width, height, { threshold: THRESHOLD });
  return { differentPixels, totalPixels: width * height, ...(sizeChanged ? { sizeChanged } : {}), diffPng: PNG.sync.write(diff) };
}

/** The picture on a transparent canvas of the given size, so areas only one picture has count as different. */
function padded(image: PNG, width: number, height: number): PNG {
  const canvas = new PNG({ width, height });
  canvas.data.fill(0);
  PNG.bitblt(image, canvas, 0, 0, image.width, image.height, 0, 0);
  return canvas;
}
