// render_page: opens a page and says whether it rendered at all (title, size, text, errors,
// blocked requests), the first thing to know before checking or comparing it.
import { z } from 'zod';
import type { PageInspector } from '../../superpowers/design/pageInspector';
import { ok, type AgentTool } from './agentTool';
import { checkedPage, pageArgument, widthArgument } from './designPage';

const schema = z.strictObject({ page: pageArgument, width: widthArgument.optional().describe('Viewport width; default 1280.') });

export function renderPageTool(inspector: PageInspector): AgentTool<z.infer<typeof schema>> {
  return {
    name: 'render_page',
    description: 'Render an HTML page in headless Chromium and report how it came up: title, document size, amount of visible text (0 = blank), script and console errors, requests that were blocked.',
    schema,
    pathOf: (args) => args.page,
    async run(args, context) {
      const page = await checkedPage(args.page, context);
      const render = await inspector.render(page, args.width ?? 1280);
      const lines = [
        `${page} at ${render.width} px: "${render.title}", ${render.documentWidth}x${render.documentHeight} px, ${render.elementCount} elements, ${render.textLength} characters of visible text${render.textLength === 0 ? ' (the page is blank)' : ''}.`,
      ];
      if (render.documentWidth > render.width) lines.push(`The page is wider than the viewport (${render.documentWidth} px > ${render.width} px): it scrolls sideways.`);
      if (render.errors.length > 0) lines.push(`Errors:\n${render.errors.map((error) => `- ${error}`).join('\n')}`);
      if (render.blockedRequests.length > 0) lines.push(`Blocked requests (pages may load only workspace files):\n${render.blockedRequests.map((url) => `- ${url}`).join('\n')}`);
      return ok(lines.join('\n'));
    },
  };
}
