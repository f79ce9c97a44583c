// A UI request turned into checks that give the same answer every run: the pages it names (or
// every HTML page), at phone, tablet and desktop widths (plus any width it names), with no serious
// or critical axe violation, no sideways scrolling, nothing cut off and WCAG 2.1 AA contrast.
import { DEFAULT_WIDTHS, gates, type UiFinding } from './uiFinding';
import type { PageCheck } from './uiCheckReport';

export interface DesignChecks {
  readonly pages: readonly string[];
  readonly widths: readonly number[];
  /** The checks in words, for the Board, the report and the agent. */
  readonly criteria: readonly string[];
}

/** Workspace-relative HTML paths named in the request ("site/index.html", "about.htm"). */
export function pagesNamedIn(request: string): string[] {
  const named = request.match(/[\w./-]+\.html?\b/gi) ?? [];
  return [...new Set(named.map((page) => page.replace(/^\.\//, '')))];
}

/** Viewport widths named in the request ("at 320 px", "320px wide"), within what a browser can show. */
export function widthsNamedIn(request: string): number[] {
  const widths = [...request.matchAll(/\b(\d{3,4})\s?px\b/gi)].map((match) => Number(match[1])).filter((width) => width >= 200 && width <= 3840);
  return [...new Set(widths)];
}

export function designChecks(request: string, pages: readonly string[]): DesignChecks {
  if (pages.length === 0) throw new Error('there is no HTML page to check: name one in the request (e.g. "site/index.html") or add one to the workspace.');
  const widths = [...new Set([...DEFAULT_WIDTHS, ...widthsNamedIn(request)])].sort((a, b) => a - b);
  const at = `at ${widths.join(', ')} px`;
  const criteria = pages.flatMap((page) => [
    `${page} has no serious or critical accessibility violation (axe-core, WCAG 2.1 A and AA) ${at}`,
    `${page} does not scroll sideways and cuts nothing off ${at}`,
    `${page} meets WCAG 2.1 AA text contrast (4.5:1, large text 3:1) ${at}; APCA is advice`,
  ]);
  return { pages, widths, criteria };
}

/** The serious and critical findings of these page checks: what keeps the checks failing. */
export function failingFindings(checks: readonly PageCheck[]): UiFinding[] {
  return checks.flatMap((check) => check.findings.filter(gates));
}

export function describeFindings(findings: readonly UiFinding[]): string[] {
  return findings.map((finding) => `${finding.page}: ${finding.rule} [${finding.impact}] on ${finding.element} at ${finding.widths.join(', ')} px: ${finding.message}`);
}
