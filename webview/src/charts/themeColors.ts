// Chart colours from the editor's theme (VS Code sets --vscode-* variables on the page for light,
// dark and high-contrast themes alike), read again whenever the theme changes.
import type { WorkflowStatus } from '../../../src/shared/taskStatus';
import type { PhaseTone } from '../../../src/shared/workflowPhase';

export interface ChartColors {
  readonly foreground: string;
  readonly grid: string;
  readonly font: string;
  readonly blue: string;
  readonly green: string;
  readonly red: string;
  readonly yellow: string;
  readonly orange: string;
  readonly purple: string;
}

export function readChartColors(element: Element): ChartColors {
  const style = windowOf(element).getComputedStyle(element);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  const foreground = read('--vscode-charts-foreground', read('--vscode-foreground', '#808080'));
  return {
    foreground,
    grid: read('--vscode-charts-lines', 'rgba(128, 128, 128, 0.35)'),
    font: read('--vscode-font-family', 'sans-serif'),
    blue: read('--vscode-charts-blue', '#3794ff'),
    green: read('--vscode-charts-green', '#89d185'),
    red: read('--vscode-charts-red', '#f14c4c'),
    yellow: read('--vscode-charts-yellow', '#cca700'),
    orange: read('--vscode-charts-orange', '#d18616'),
    purple: read('--vscode-charts-purple', '#b180d7'),
  };
}

/** Phases by what their module says they are about (failing tests red, passing green); others take the remaining colours in turn. */
export function phaseColor(colors: ChartColors, tone: PhaseTone | undefined, index: number): string {
  const byTone: Record<PhaseTone, string> = { planning: colors.blue, failing: colors.red, passing: colors.green, changing: colors.purple, reviewing: colors.yellow };
  return tone === undefined ? seriesColor(colors, index) : byTone[tone];
}

export function seriesColor(colors: ChartColors, index: number): string {
  // Orange last: VS Code's charts.orange is translucent, and reads as brown on a dark theme.
  const cycle = [colors.blue, colors.purple, colors.yellow, colors.green, colors.red, colors.orange];
  return cycle[index % cycle.length];
}

export function statusColor(colors: ChartColors, status: WorkflowStatus): string {
  const byStatus: Record<WorkflowStatus, string> = { RUNNING: colors.blue, PAUSED: colors.yellow, COMPLETED: colors.green, FAILED: colors.red, TIMED_OUT: colors.orange, CANCELED: colors.grid };
  return byStatus[status];
}

/** Calls `changed` when the editor switches theme (it changes the body's class). Returns the stop function. */
export function onThemeChange(body: HTMLElement, changed: () => void): () => void {
  const observer = new (windowOf(body).MutationObserver)(changed);
  observer.observe(body, { attributes: true, attributeFilter: ['class'] });
  return () => observer.disconnect();
}

function windowOf(node: Node): Window & typeof globalThis {
  const view = node.ownerDocument?.defaultView;
  if (!view) throw new Error('The chart colours are read from an element of a rendered page.');
  return view;
}
