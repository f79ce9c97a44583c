// axe-core's answer for one page at one width, turned into findings (violations) and review items
// (incomplete: axe could not decide, e.g. text over an image or a gradient, so a person must).
import { isUiImpact, type UiFinding, type UiReviewItem } from './uiFinding';

/** The part of axe's result we read (axe.run's `violations` and `incomplete`). */
export interface AxeResultLike {
  readonly violations: readonly AxeRuleResult[];
  readonly incomplete: readonly AxeRuleResult[];
}

export interface AxeRuleResult {
  readonly id: string;
  readonly impact?: string | null;
  readonly help: string;
  readonly helpUrl?: string;
  readonly nodes: readonly AxeNodeResult[];
}

export interface AxeNodeResult {
  readonly target: readonly unknown[];
  readonly html?: string;
  readonly impact?: string | null;
  readonly failureSummary?: string;
}

/** axe's WCAG 2.0 and 2.1 A and AA rules (colour contrast is 2.1 AA 1.4.3) and its best practices. */
export const AXE_TAGS: readonly string[] = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

const MAX_HTML = 200;

export function axeFindings(result: AxeResultLike, page: string, width: number): { findings: UiFinding[]; review: UiReviewItem[] } {
  const findings = result.violations.flatMap((rule) =>
    rule.nodes.map((node): UiFinding => {
      const impact = node.impact ?? rule.impact;
      return {
        rule: rule.id,
        // axe leaves impact empty on a few best-practice rules; those never gate.
        impact: isUiImpact(impact) ? impact : 'minor',
        page,
        element: selectorOf(node),
        ...(node.html ? { html: shorten(node.html) } : {}),
        message: explain(rule.help, node.failureSummary),
        widths: [width],
        ...(rule.helpUrl ? { helpUrl: rule.helpUrl } : {}),
      };
    }),
  );
  const review = result.incomplete.flatMap((rule) =>
    rule.nodes.map((node): UiReviewItem => ({
      rule: rule.id,
      page,
      element: selectorOf(node),
      ...(node.html ? { html: shorten(node.html) } : {}),
      message: explain(rule.help, node.failureSummary),
      widths: [width],
    })),
  );
  return { findings, review };
}

/** axe's target is a list of selectors, one per frame or shadow root; joined, they name the element. */
function selectorOf(node: AxeNodeResult): string {
  return node.target.map((part) => (Array.isArray(part) ? part.join(' >>> ') : String(part))).join(' >> ') || 'document';
}

/** The rule's help and the first thing axe says is wrong (its other lines are alternative fixes). */
function explain(help: string, summary: string | undefined): string {
  const first = (summary ?? '').split('\n').map((line) => line.trim()).find((line) => line && !/^Fix (any|all) of the following:$/.test(line));
  return first ? `${help}: ${first}` : help;
}

function shorten(html: string): string {
  const flat = html.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_HTML ? `${flat.slice(0, MAX_HTML - 1)}…` : flat;
}
