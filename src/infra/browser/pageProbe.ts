// What runs inside the page to measure it: layout (sideways scrolling, elements past the edges,
// clipped text) and text colour samples for contrast advice. Kept as source text, since a function
// the test runner transpiled would carry helpers the page lacks; it returns plain JSON.
import type { LayoutMeasurement } from '../../superpowers/design/layoutRules';
import type { TextSample } from '../../superpowers/design/contrastRules';

export interface PageProbeResult {
  readonly layout: LayoutMeasurement;
  readonly textSamples: readonly TextSample[];
}

export const PAGE_PROBE_SCRIPT = String.raw`(() => {
  const MAX_ELEMENTS = 20, MAX_SAMPLES = 300, TOLERANCE = 1;
  const cssPath = (element) => {
    const parts = [];
    for (let node = element; node && node.nodeType === 1 && node !== document.documentElement; node = node.parentElement) {
      if (node.id && document.querySelectorAll('#' + CSS.escape(node.id)).length === 1) { parts.unshift('#' + CSS.escape(node.id)); break; }
      let part = node.localName;
      const parent = node.parentElement;
      if (parent) {
        const same = [...parent.children].filter((child) => child.localName === node.localName);
        if (same.length > 1) part += ':nth-of-type(' + (same.indexOf(node) + 1) + ')';
      }
      parts.unshift(part);
    }
    return parts.join(' > ') || 'html';
  };
  const snippet = (element) => {
    const html = element.outerHTML.replace(/\s+/g, ' ').trim();
    const open = html.slice(0, html.indexOf('>') + 1) || html;
    return open.length > 200 ? open.slice(0, 199) + '…' : open;
  };
  const visible = (style) => style.display !== 'none' && style.visibility !== 'hidden' && style.visibility !== 'collapse' && Number(style.opacity) > 0;
  const scrollsOwnContent = (style) => ['auto', 'scroll', 'hidden', 'clip'].includes(style.overflowX);
  const viewportWidth = document.documentElement.clientWidth;
  const documentWidth = Math.max(document.documentElement.scrollWidth, document.body ? document.body.scrollWidth : 0);
  // The viewport takes html's overflow, or body's when html leaves it visible (CSS overflow propagation).
  const htmlOverflow = getComputedStyle(document.documentElement).overflowX;
  const viewportOverflow = htmlOverflow === 'visible' && document.body ? getComputedStyle(document.body).overflowX : htmlOverflow;
  const hidesOverflow = viewportOverflow === 'hidden' || viewportOverflow === 'clip';
  const outside = [], clippedText = [], textSamples = [];
  const reported = new Set();
  const all = document.body ? [...document.body.querySelectorAll('*')] : [];
  const styles = new Map(all.map((element) => [element, getComputedStyle(element)]));
  const styleOf = (element) => styles.get(element) || getComputedStyle(element);
  // An element inside a container that scrolls or clips sideways (not html or body) is that container's business.
  const insideOwnScroller = (element) => {
    for (let node = element.parentElement; node && node !== document.body && node !== document.documentElement; node = node.parentElement) {
      if (scrollsOwnContent(styleOf(node))) return true;
    }
    return false;
  };
  const hasReportedAncestor = (element) => {
    for (let node = element.parentElement; node; node = node.parentElement) if (reported.has(node)) return true;
    return false;
  };
  const ownText = (element) => [...element.childNodes].some((node) => node.nodeType === 3 && node.textContent.trim() !== '');
  const opaqueBackground = (element) => {
    const layers = [];
    for (let node = element; node; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (style.backgroundImage && style.backgroundImage !== 'none') return undefined;
      const color = style.backgroundColor;
      const match = /rgba?\(([^)]+)\)/.exec(color);
      if (!match) { if (color && color !== 'transparent') return undefined; continue; }
      const values = match[1].split(/[ ,\/]+/).filter(Boolean).map(Number);
      const alpha = values.length > 3 ? values[3] : 1;
      if (alpha === 0) continue;
      layers.push([values[0], values[1], values[2], alpha]);
      if (alpha >= 1) break;
    }
    let base = [255, 255, 255];
    for (const [r, g, b, a] of layers.reverse()) base = [r * a + base[0] * (1 - a), g * a + base[1] * (1 - a), b * a + base[2] * (1 - a)];
    return 'rgb(' + base.map((value) => Math.round(value)).join(', ') + ')';
  };
  for (const element of all) {
    const style = styleOf(element);
    if (!visible(style)) continue;
    const rect = element.getBoundingClientRect();
    if (rect.width <= 1 || rect.height <= 1) continue;
    // Wholly off to the left is a deliberate way to hide (a skip link); it cannot cause sideways scrolling.
    const pastRight = rect.right > viewportWidth + TOLERANCE;
    const pastLeft = rect.left < -TOLERANCE && rect.right > 0;
    if ((pastRight || pastLeft) && style.position !== 'fixed' && !insideOwnScroller(element) && !hasReportedAncestor(element) && outside.length < MAX_ELEMENTS) {
      reported.add(element);
      outside.push({ selector: cssPath(element), html: snippet(element), left: rect.left, right: rect.right });
    }
    if (ownText(element)) {
      if ((style.overflowX === 'hidden' || style.overflowX === 'clip') && element.scrollWidth > element.clientWidth + TOLERANCE && clippedText.length < MAX_ELEMENTS) {
        clippedText.push({ selector: cssPath(element), html: snippet(element), left: rect.left, right: rect.right, scrollWidth: element.scrollWidth, clientWidth: element.clientWidth });
      }
      const background = opaqueBackground(element);
      if (background && textSamples.length < MAX_SAMPLES) {
        textSamples.push({ selector: cssPath(element), color: style.color, background, fontSizePx: parseFloat(style.fontSize), fontWeight: Number(style.fontWeight) || 400 });
      }
    }
  }
  return { layout: { viewportWidth, documentWidth, hidesOverflow, outside, clippedText }, textSamples };
})()`;
