// compare_screenshot: a full-page screenshot compared pixel by pixel with the page's baseline. A
// baseline taken with another browser version or other fonts is not compared; the reason is given.
import { z } from 'zod';
import type { PageInspector } from '../../superpowers/design/pageInspector';
import { ok, type AgentTool } from './agentTool';
import { checkedPage, pageArgument, widthArgument } from './designPage';

const schema = z.strictObject({ page: pageArgument, width: widthArgument });

export function compareScreenshotTool(inspector: PageInspector): AgentTool<z.infer<typeof schema>> {
  return {
    name: 'compare_screenshot',
    description:
      'Take a full-page screenshot at a width and compare it with the page\'s baseline: "same", "changed" (how many pixels, with a diff image), "recorded" (there was none; this is now the baseline) or "refused" (the browser or fonts changed since the baseline; not comparable).',
    schema,
    pathOf: (args) => args.page,
    async run(args, context) {
      const page = await checkedPage(args.page, context);
      const { verdict, diffPath } = await inspector.compareScreenshot(page, args.width);
      switch (verdict.status) {
        case 'same':
          return ok(`${page} at ${args.width} px: same as the baseline (${verdict.differentPixels} of ${verdict.totalPixels} pixels differ).`);
        case 'changed':
          return ok(`${page} at ${args.width} px: changed. ${verdict.reason}${diffPath ? ` Diff image: ${diffPath}` : ''}`);
        case 'recorded':
          return ok(`${page} at ${args.width} px: ${verdict.reason}`);
        case 'refused':
          return ok(`${page} at ${args.width} px: not compared, ${verdict.reason}`);
      }
    },
  };
}
