// A page check's findings as problems on the HTML file: each with its severity (serious and
// critical are errors, the gate; the rest warnings; what axe could not decide and APCA advice are
// information), its message, and the line of the element it names, found in the file's text where
// the selector allows (an id, else the first tag with its class, else the tag), else the first line.
// Free of 'vscode', so it runs under plain mocha; the command turns these into Diagnostics.
import type { PageCheck } from '../../superpowers/design/uiCheckReport';
import { gates } from '../../superpowers/design/uiFinding';

export interface PageProblem {
  readonly severity: 'error' | 'warning' | 'information';
  /** 0-based. */
  readonly line: number;
  readonly message: string;
  /** The rule id, shown as the problem's code. */
  readonly rule: string;
  readonly helpUrl?: string;
}

export function pageProblems(check: PageCheck, text: string): PageProblem[] {
  const at = (widths: readonly number[]) => `at ${widths.join(', ')} px`;
  return [
    ...check.findings.map((finding): PageProblem => ({
      severity: gates(finding) ? 'error' : 'warning',
      line: lineOfElement(text, finding.element),
      message: `${finding.message} (${finding.impact}; ${finding.element} ${at(finding.widths)})`,
      rule: finding.rule,
      ...(finding.helpUrl !== undefined && { helpUrl: finding.helpUrl }),
    })),
    ...check.review.map((item): PageProblem => ({ severity: 'information', line: lineOfElement(text, item.element), message: `The checks could not decide, please look: ${item.message} (${item.element} ${at(item.widths)})`, rule: item.rule })),
    ...check.advice.map((item): PageProblem => ({ severity: 'information', line: lineOfElement(text, item.element), message: `Advice, not a gate: ${item.message} (${item.element} ${at(item.widths)})`, rule: item.rule })),
  ];
}

/** The 0-based line where the element a selector names starts, as near as the selector tells. */
export function lineOfElement(text: string, selector: string): number {
  // The last compound of the selector names the element itself: "main > form input.wide" -> "input.wide".
  const last = selector.trim().split(/[\s>+~]+/).filter(Boolean).at(-1) ?? '';
  const id = /#([\w-]+)/.exec(last)?.[1];
  const tag = /^([a-z][\w-]*)/i.exec(last)?.[1];
  const className = /\.([\w-]+)/.exec(last)?.[1];
  const patterns: RegExp[] = [];
  if (id) patterns.push(new RegExp(`\\bid\\s*=\\s*["']?${escape(id)}["'\\s>]`, 'i'));
  if (tag && className) patterns.push(new RegExp(`<${escape(tag)}\\b[^>]*\\bclass\\s*=\\s*["'][^"']*\\b${escape(className)}\\b`, 'i'));
  if (className) patterns.push(new RegExp(`\\bclass\\s*=\\s*["'][^"']*\\b${escape(className)}\\b`, 'i'));
  if (tag) patterns.push(new RegExp(`<${escape(tag)}\\b`, 'i'));
  for (const pattern of patterns) {
    const match = pattern.exec(text);
    if (match) return text.slice(0, match.index).split('\n').length - 1;
  }
  return 0;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
