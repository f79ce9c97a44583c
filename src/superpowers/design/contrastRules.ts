// Colour contrast of text against what is behind it. WCAG 2.1 (1.4.3, level AA) is the gate, and
// axe's color-contrast rule applies it in the page; APCA (the WCAG 3 draft's measure) is advice
// only, since its thresholds are not yet a standard. Colours come as the browser computes them.
import Color from 'colorjs.io';
import type { UiAdvice } from './uiFinding';

/** One run of text as the page probe sampled it; `background` is the first opaque colour behind it. */
export interface TextSample {
  readonly selector: string;
  readonly color: string;
  readonly background: string;
  readonly fontSizePx: number;
  readonly fontWeight: number;
}

/** WCAG 2.1's large text: at least 18 pt, or 14 pt bold (24 px and 18.66 px). */
export function isLargeText(fontSizePx: number, fontWeight: number): boolean {
  return fontSizePx >= 24 || (fontSizePx >= 18.66 && fontWeight >= 700);
}

/** The contrast ratio WCAG 2.1 AA asks of this text. */
export function requiredWcagRatio(fontSizePx: number, fontWeight: number): number {
  return isLargeText(fontSizePx, fontWeight) ? 3 : 4.5;
}

/** WCAG 2.1's contrast ratio (1 to 21) of two CSS colours; an alpha in the text colour is blended onto the background. */
export function wcagContrastRatio(color: string, background: string): number {
  const back = parse(background);
  return back.contrast(blend(parse(color), back), 'WCAG21');
}

/** APCA's lightness contrast Lc (about -108 to 106; the sign says light-on-dark). */
export function apcaLightnessContrast(color: string, background: string): number {
  const back = parse(background);
  return back.contrast(blend(parse(color), back), 'APCA');
}

/** APCA's suggested minimum |Lc| (its "bronze" guidance): body text 75, other text 60, large text 45. */
export function apcaMinimum(fontSizePx: number, fontWeight: number): number {
  if (fontSizePx >= 24 || (fontSizePx >= 16 && fontWeight >= 700)) return 45;
  if (fontSizePx >= 18) return 60;
  return 75;
}

/** Advice for text APCA finds too faint, whatever WCAG 2.1 says. */
export function apcaAdvice(samples: readonly TextSample[], page: string, width: number): UiAdvice[] {
  const advice: UiAdvice[] = [];
  for (const sample of samples) {
    let lc: number;
    let ratio: number;
    try {
      lc = apcaLightnessContrast(sample.color, sample.background);
      ratio = wcagContrastRatio(sample.color, sample.background);
    } catch {
      continue; // a colour colorjs cannot read (a system colour name) gives no advice rather than a wrong one
    }
    const minimum = apcaMinimum(sample.fontSizePx, sample.fontWeight);
    if (Math.abs(lc) >= minimum) continue;
    advice.push({
      rule: 'apca-contrast',
      page,
      element: sample.selector,
      message: `APCA Lc ${Math.abs(lc).toFixed(1)} is below the suggested ${minimum} for ${sample.fontSizePx} px text (WCAG 2.1 ratio ${ratio.toFixed(2)}:1, AA asks ${requiredWcagRatio(sample.fontSizePx, sample.fontWeight)}:1); advice only.`,
      widths: [width],
    });
  }
  return advice;
}

function parse(css: string): Color {
  try {
    return new Color(css).to('srgb');
  } catch {
    throw new Error(`not a CSS colour: "${css}"`);
  }
}

/** Text with alpha shows as its colour mixed into the background. */
function blend(color: Color, background: Color): Color {
  const alpha = color.alpha ?? 1;
  if (alpha >= 1) return color;
  const [r, g, b] = color.coords.map((value, index) => (value ?? 0) * alpha + (background.coords[index] ?? 0) * (1 - alpha));
  return new Color('srgb', [r, g, b], 1);
}
