// Layout at one viewport width, judged from what the browser measured: the page must not scroll
// sideways (layout-overflow) and no visible element may stick out past the viewport's edges where
// the page hides the overflow (layout-cut-off). Text clipped inside its own box is reported, not gated.
import type { UiFinding } from './uiFinding';

/** What the page probe measured (infra/browser/pageProbe.ts), in CSS pixels. */
export interface LayoutMeasurement {
  /** The layout viewport's width, without a scrollbar. */
  readonly viewportWidth: number;
  /** The document's scroll width: wider than the viewport means the page scrolls sideways. */
  readonly documentWidth: number;
  /** The page hides what sticks out sideways (overflow-x hidden or clip on html or body): it cannot scroll, it cuts off. */
  readonly hidesOverflow: boolean;
  /** Visible elements reaching past the left or right edge, outermost first, not scrolled inside a container of their own. */
  readonly outside: readonly MeasuredElement[];
  /** Elements whose text is wider than their box, which hides the rest. */
  readonly clippedText: readonly MeasuredElement[];
}

export interface MeasuredElement {
  readonly selector: string;
  readonly html: string;
  readonly left: number;
  readonly right: number;
  /** For clipped text: the text's width and the box's. */
  readonly scrollWidth?: number;
  readonly clientWidth?: number;
}

/** Sub-pixel rounding is not overflow. */
const TOLERANCE = 1;

export function layoutFindings(measurement: LayoutMeasurement, page: string, width: number): UiFinding[] {
  const findings: UiFinding[] = [];
  const scrolls = !measurement.hidesOverflow && measurement.documentWidth > measurement.viewportWidth + TOLERANCE;
  const vw = measurement.viewportWidth;
  for (const element of measurement.outside) {
    const past = element.right > vw + TOLERANCE ? `ends at ${round(element.right)} px, past the right edge at ${vw} px` : `starts at ${round(element.left)} px, left of the viewport`;
    findings.push({
      rule: scrolls ? 'layout-overflow' : 'layout-cut-off',
      impact: 'serious',
      page,
      element: element.selector,
      html: element.html,
      message: scrolls
        ? `At ${width} px the page scrolls sideways (${round(measurement.documentWidth)} px wide): this element ${past}.`
        : `At ${width} px this element is cut off: it ${past}, and the page hides what sticks out.`,
      widths: [width],
    });
  }
  if (scrolls && measurement.outside.length === 0) {
    findings.push({
      rule: 'layout-overflow',
      impact: 'serious',
      page,
      element: 'html',
      message: `At ${width} px the page scrolls sideways: it is ${round(measurement.documentWidth)} px wide in a ${vw} px viewport.`,
      widths: [width],
    });
  }
  for (const element of measurement.clippedText) {
    findings.push({
      rule: 'layout-clipped-text',
      impact: 'moderate',
      page,
      element: element.selector,
      html: element.html,
      message: `At ${width} px the text needs ${element.scrollWidth ?? '?'} px but its box is ${element.clientWidth ?? '?'} px wide; the rest is hidden.`,
      widths: [width],
    });
  }
  return findings;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
