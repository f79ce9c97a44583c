// check_ui: the deterministic UI checks on a page (axe-core, layout at each width, contrast), as a
// compact list the model can act on. The same checks decide the design workflow's gates.
import { z } from 'zod';
import type { PageInspector } from '../../superpowers/design/pageInspector';
import { DEFAULT_WIDTHS, gates } from '../../superpowers/design/uiFinding';
import { ok, type AgentTool } from './agentTool';
import { checkedPage, pageArgument, widthArgument } from './designPage';

const schema = z.strictObject({
  page: pageArgument,
  widths: z.array(widthArgument).min(1).max(6).optional().describe(`Widths to check; default ${DEFAULT_WIDTHS.join(', ')}.`),
});

export function checkUiTool(inspector: PageInspector): AgentTool<z.infer<typeof schema>> {
  return {
    name: 'check_ui',
    description:
      'Render an HTML page in headless Chromium and run the UI checks: accessibility (axe-core, WCAG 2.1 A/AA), no sideways scrolling and nothing cut off at each width, colour contrast. Lists each problem with its rule, impact, element (CSS selector) and widths. Serious and critical problems must be fixed; "to review" items are for a person.',
    schema,
    pathOf: (args) => args.page,
    async run(args, context) {
      const page = await checkedPage(args.page, context);
      const check = await inspector.check(page, args.widths ?? DEFAULT_WIDTHS);
      const failing = check.findings.filter(gates);
      const lines = [`${page} at ${check.widths.join(', ')} px: ${failing.length === 0 ? 'no serious or critical problem' : `${failing.length} serious or critical problem(s)`}.`];
      for (const finding of check.findings) {
        lines.push(`- ${gates(finding) ? 'FIX' : 'note'} ${finding.rule} [${finding.impact}] ${finding.element} at ${finding.widths.join(', ')} px: ${finding.message}${finding.html ? ` (${finding.html})` : ''}`);
      }
      for (const item of check.review) lines.push(`- to review ${item.rule} ${item.element}: ${item.message}`);
      for (const item of check.advice) lines.push(`- advice ${item.rule} ${item.element}: ${item.message}`);
      if (check.blockedRequests.length > 0) lines.push(`Blocked requests (pages may load only workspace files): ${check.blockedRequests.join(', ')}`);
      return ok(lines.join('\n'));
    },
  };
}
