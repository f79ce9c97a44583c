// The command center's four charts: time per phase, tokens per agent, passed/failed across test
// attempts (for the selected workflow) and the workflow history. Charts cost more to draw than the
// rest of the page, so they are redrawn at most every CHART_INTERVAL_MS, and only when their data
// changed; a change in between is drawn when the interval ends.
import type { WorkflowView } from '../../../src/shared/dashboardState';
import type { Dom } from '../dom';
import { BarChartCard } from './barChartCard';
import { testAttempts, timePerPhase, tokensPerAgent, workflowHistory } from './chartData';
import { type ChartColors, onThemeChange, phaseColor, readChartColors, seriesColor, statusColor } from './themeColors';

const CHART_INTERVAL_MS = 250;

export interface ChartsInput {
  readonly selected: WorkflowView | undefined;
  readonly workflows: readonly WorkflowView[];
  readonly now: number;
}

export class DashboardCharts {
  readonly element: HTMLElement;
  private readonly phases: BarChartCard;
  private readonly tokens: BarChartCard;
  private readonly tests: BarChartCard;
  private readonly history: BarChartCard;
  private colors: ChartColors;
  private readonly stopWatchingTheme: () => void;
  private lastDrawn = -Infinity;
  private drawnKey = '';
  private pending: ChartsInput | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    dom: Dom,
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.phases = new BarChartCard(dom, { title: 'Time per phase', unit: 'seconds' });
    this.tokens = new BarChartCard(dom, { title: 'Tokens per agent', unit: 'tokens', horizontal: true });
    this.tests = new BarChartCard(dom, { title: 'Tests across attempts', unit: 'tests', stacked: true, everyLabel: true, categoryTitle: 'test run' });
    this.history = new BarChartCard(dom, { title: 'Workflow history', unit: 'minutes' });
    this.element = dom.el('section', { class: 'charts', attrs: { 'aria-label': 'Charts' } }, [this.phases.element, this.tokens.element, this.tests.element, this.history.element]);
    const body = dom.document.body;
    this.colors = readChartColors(body);
    this.stopWatchingTheme = onThemeChange(body, () => {
      this.colors = readChartColors(body);
      this.drawnKey = '';
      if (this.pending) this.draw(this.pending);
    });
  }

  render(input: ChartsInput): void {
    this.pending = input;
    const wait = this.lastDrawn + CHART_INTERVAL_MS - this.clock();
    if (wait <= 0) this.draw(input);
    else this.timer ??= setTimeout(() => {
      this.timer = undefined;
      if (this.pending) this.draw(this.pending);
    }, wait);
  }

  destroy(): void {
    clearTimeout(this.timer);
    this.stopWatchingTheme();
    for (const card of [this.phases, this.tokens, this.tests, this.history]) card.destroy();
  }

  private draw(input: ChartsInput): void {
    const { colors } = this;
    const phases = timePerPhase(input.selected, input.now);
    const tokens = tokensPerAgent(input.selected?.tokens ?? {});
    const tests = testAttempts(input.selected?.testRuns ?? [], input.selected?.id);
    const history = workflowHistory(input.workflows, input.now);
    // Seconds are rounded for the comparison, so a running step does not redraw for every millisecond.
    const key = JSON.stringify([phases.labels, phases.values.map(Math.round), tokens, tests, history.labels, history.values.map((value) => value.toFixed(2)), history.statuses, history.unit]);
    this.lastDrawn = this.clock();
    if (key === this.drawnKey) return;
    this.drawnKey = key;
    this.phases.update(phases.labels, [{ label: 'seconds', values: phases.values, color: phases.tones.map((tone, i) => phaseColor(colors, tone, i)) }], phases.summary, colors);
    this.tokens.update(tokens.labels, [{ label: 'tokens', values: tokens.values, color: tokens.labels.map((_, i) => seriesColor(colors, i)) }], tokens.summary, colors);
    this.tests.update(
      tests.labels,
      [
        { label: 'passed', values: tests.passed, color: colors.green },
        { label: 'failed', values: tests.failed, color: colors.red },
      ],
      tests.summary,
      colors,
      undefined,
      tests.titles,
    );
    this.history.update(history.labels, [{ label: history.unit, values: history.values, color: history.statuses.map((status) => statusColor(colors, status)) }], history.summary, colors, history.unit);
  }
}
