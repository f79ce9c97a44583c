// read_accessibility_tree: what a screen reader meets on a page (roles, names, states), as
// Playwright's ARIA snapshot; far smaller than the DOM, and what layout and roles are asserted on.
import { z } from 'zod';
import type { PageInspector } from '../../superpowers/design/pageInspector';
import { ok, type AgentTool } from './agentTool';
import { checkedPage, pageArgument, widthArgument } from './designPage';

const MAX_CHARS = 12_000;

const schema = z.strictObject({ page: pageArgument, width: widthArgument.optional().describe('Viewport width; default 1280.') });

export function readAccessibilityTreeTool(inspector: PageInspector): AgentTool<z.infer<typeof schema>> {
  return {
    name: 'read_accessibility_tree',
    description: 'Render an HTML page and read its accessibility tree (ARIA snapshot, YAML): each element\'s role, accessible name and state, as assistive technology sees them.',
    schema,
    pathOf: (args) => args.page,
    async run(args, context) {
      const page = await checkedPage(args.page, context);
      const width = args.width ?? 1280;
      const tree = await inspector.accessibilityTree(page, width);
      const shown = tree.length > MAX_CHARS ? `${tree.slice(0, MAX_CHARS)}\n[… ${tree.length - MAX_CHARS} more characters cut]` : tree;
      return ok(`Accessibility tree of ${page} at ${width} px:\n${shown || '(empty: nothing on the page is exposed to assistive technology)'}`);
    },
  };
}
