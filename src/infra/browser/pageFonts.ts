// The platform fonts Chromium actually drew a page's text with (not the ones the CSS asked for),
// read through the DevTools protocol; a screenshot baseline records them.
import type { Page } from 'playwright-core';

const MAX_NODES = 400;

export async function platformFonts(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1 })) as { root: { nodeId: number } };
    const { nodeIds } = (await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector: 'body, body *' })) as { nodeIds: number[] };
    const fonts = new Set<string>();
    for (const nodeId of nodeIds.slice(0, MAX_NODES)) {
      const { fonts: used } = (await cdp.send('CSS.getPlatformFontsForNode', { nodeId })) as { fonts: { familyName: string; postScriptName?: string }[] };
      for (const font of used) fonts.add(font.postScriptName ? `${font.familyName} (${font.postScriptName})` : font.familyName);
    }
    return [...fonts].sort();
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}
