// What a UI check finds, in the words a person and a program both read: the rule that fired, how
// bad it is, the element and the page, and at which viewport widths. Only serious and critical
// findings gate; everything else is reported for a person to weigh.

export const UI_IMPACTS = ['critical', 'serious', 'moderate', 'minor'] as const;
export type UiImpact = (typeof UI_IMPACTS)[number];

/** Phone, tablet and desktop, in CSS pixels. */
export const DEFAULT_WIDTHS: readonly number[] = [375, 768, 1280];

export interface UiFinding {
  /** axe's rule id (`button-name`, `color-contrast`, ...) or ours (`layout-overflow`, `layout-cut-off`). */
  readonly rule: string;
  readonly impact: UiImpact;
  /** The page as the person named it: a workspace-relative path or a loopback URL. */
  readonly page: string;
  /** A CSS selector for the element. */
  readonly element: string;
  /** The element's markup, shortened. */
  readonly html?: string;
  readonly message: string;
  /** The viewport widths at which it was found, ascending. */
  readonly widths: readonly number[];
  readonly helpUrl?: string;
}

/** Something a check could not decide (axe's "incomplete"), for a person to look at. */
export interface UiReviewItem {
  readonly rule: string;
  readonly page: string;
  readonly element: string;
  readonly html?: string;
  readonly message: string;
  readonly widths: readonly number[];
}

/** Advice that never gates (APCA contrast). */
export interface UiAdvice {
  readonly rule: string;
  readonly page: string;
  readonly element: string;
  readonly message: string;
  readonly widths: readonly number[];
}

export function gates(finding: Pick<UiFinding, 'impact'>): boolean {
  return finding.impact === 'critical' || finding.impact === 'serious';
}

export function isUiImpact(value: unknown): value is UiImpact {
  return typeof value === 'string' && (UI_IMPACTS as readonly string[]).includes(value);
}

/** One entry per rule, element and page: the same defect at three widths is one finding with three widths. */
export function mergeByElement<T extends { readonly rule: string; readonly page: string; readonly element: string; readonly widths: readonly number[] }>(items: readonly T[]): T[] {
  const merged = new Map<string, T>();
  for (const item of items) {
    const key = `${item.page}\u0000${item.rule}\u0000${item.element}`;
    const earlier = merged.get(key);
    if (!earlier) {
      merged.set(key, item);
      continue;
    }
    const widths = [...new Set([...earlier.widths, ...item.widths])].sort((a, b) => a - b);
    merged.set(key, { ...earlier, widths });
  }
  return [...merged.values()];
}
