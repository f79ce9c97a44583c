// The outcome of checking pages: every finding, what a person must look at, advice, and the gate's
// answer (no serious or critical finding on any page).
import { gates, mergeByElement, type UiAdvice, type UiFinding, type UiReviewItem } from './uiFinding';

export interface PageCheck {
  readonly page: string;
  readonly widths: readonly number[];
  readonly findings: readonly UiFinding[];
  readonly review: readonly UiReviewItem[];
  readonly advice: readonly UiAdvice[];
  /** Wall time per width, in milliseconds (render, axe, layout, samples). */
  readonly millisecondsByWidth: Readonly<Record<number, number>>;
  /** Requests the page tried to make outside what it may load; all were blocked. */
  readonly blockedRequests: readonly string[];
}

export interface UiCheckReport {
  readonly passed: boolean;
  readonly browserVersion: string;
  readonly widths: readonly number[];
  readonly pages: readonly PageCheck[];
  /** Serious and critical findings, the ones that fail the check. */
  readonly failures: readonly UiFinding[];
}

/** Merges one page's per-width results (the same defect at several widths becomes one entry). */
export function pageCheck(page: string, perWidth: readonly { width: number; findings: UiFinding[]; review: UiReviewItem[]; advice: UiAdvice[]; milliseconds: number; blockedRequests: string[] }[]): PageCheck {
  return {
    page,
    widths: perWidth.map((entry) => entry.width),
    findings: sortFindings(mergeByElement(perWidth.flatMap((entry) => entry.findings))),
    review: mergeByElement(perWidth.flatMap((entry) => entry.review)),
    advice: mergeByElement(perWidth.flatMap((entry) => entry.advice)),
    millisecondsByWidth: Object.fromEntries(perWidth.map((entry) => [entry.width, Math.round(entry.milliseconds)])),
    blockedRequests: [...new Set(perWidth.flatMap((entry) => entry.blockedRequests))],
  };
}

export function uiCheckReport(pages: readonly PageCheck[], browserVersion: string, widths: readonly number[]): UiCheckReport {
  const failures = pages.flatMap((page) => page.findings.filter(gates));
  return { passed: failures.length === 0, browserVersion, widths, pages, failures };
}

const ORDER = { critical: 0, serious: 1, moderate: 2, minor: 3 } as const;

function sortFindings(findings: UiFinding[]): UiFinding[] {
  return findings.sort((a, b) => ORDER[a.impact] - ORDER[b.impact] || a.rule.localeCompare(b.rule) || a.element.localeCompare(b.element));
}
