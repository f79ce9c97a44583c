// One chart of the command center: a Chart.js bar chart on a canvas, with its title, coloured from
// the theme, drawn without animation, and described in words for screen readers. Where the page has
// no 2D canvas, only the words remain.
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { type Dom, setAttribute } from '../dom';
import type { ChartColors } from './themeColors';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);

export interface BarSeries {
  readonly label: string;
  readonly values: readonly number[];
  /** One colour for the series, or one per bar. */
  readonly color: string | readonly string[];
}

export interface BarChartOptions {
  readonly title: string;
  /** Names the value axis, e.g. "seconds". */
  readonly unit: string;
  readonly horizontal?: boolean;
  readonly stacked?: boolean;
  /** Show every category label (tilted when they do not fit) rather than skip some. */
  readonly everyLabel?: boolean;
  /** Names the category axis, when its labels need it (run numbers). */
  readonly categoryTitle?: string;
}

export class BarChartCard {
  readonly element: HTMLElement;
  private readonly canvas: HTMLCanvasElement;
  private readonly empty: HTMLElement;
  private chart: Chart<'bar', number[], string> | undefined;
  private noCanvas = false;
  private titles: readonly string[] | undefined;

  constructor(
    dom: Dom,
    private readonly options: BarChartOptions,
  ) {
    this.canvas = dom.el('canvas', { attrs: { role: 'img', 'aria-label': options.title } });
    this.empty = dom.el('p', { class: 'empty chart-empty' }, ['No data yet.']);
    this.element = dom.el('figure', { class: 'chart card' }, [
      dom.el('figcaption', {}, [dom.el('h3', {}, [options.title])]),
      dom.el('div', { class: 'chart-box' }, [this.canvas, this.empty]),
    ]);
  }

  /**
   * `unit` names the value axis when it differs from the one given at construction; `titles`, one
   * per bar, head the tooltips when the axis labels are short.
   */
  update(labels: readonly string[], series: readonly BarSeries[], summary: string, colors: ChartColors, unit = this.options.unit, titles?: readonly string[]): void {
    this.titles = titles;
    setAttribute(this.canvas, 'aria-label', summary);
    setAttribute(this.empty, 'hidden', labels.length > 0);
    setAttribute(this.canvas, 'hidden', labels.length === 0);
    const chart = this.chartFor(colors);
    if (!chart) return;
    chart.data.labels = [...labels];
    chart.data.datasets = series.map((entry) => ({
      label: entry.label,
      data: [...entry.values],
      backgroundColor: typeof entry.color === 'string' ? entry.color : [...entry.color],
      borderRadius: 2,
      maxBarThickness: 28,
    }));
    this.applyColors(chart, colors);
    const valueAxis = chart.options.scales?.[this.options.horizontal ? 'x' : 'y'];
    if (valueAxis && 'title' in valueAxis && valueAxis.title) valueAxis.title.text = unit;
    const legend = chart.options.plugins?.legend;
    if (legend) legend.display = series.length > 1;
    chart.update('none');
  }

  destroy(): void {
    this.chart?.destroy();
    this.chart = undefined;
  }

  private chartFor(colors: ChartColors): Chart<'bar', number[], string> | undefined {
    if (this.chart || this.noCanvas) return this.chart;
    const context = this.canvas.getContext('2d');
    if (!context) {
      this.noCanvas = true;
      return undefined;
    }
    const { horizontal = false, stacked = false, everyLabel = false, categoryTitle, unit } = this.options;
    const valueAxis = { beginAtZero: true, stacked, title: { display: true, text: unit } };
    const categoryAxis = { stacked, ticks: { autoSkip: !everyLabel }, title: { display: categoryTitle !== undefined, text: categoryTitle ?? '' } };
    this.chart = new Chart<'bar', number[], string>(context, {
      type: 'bar',
      data: { labels: [], datasets: [] },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        indexAxis: horizontal ? 'y' : 'x',
        plugins: {
          legend: { display: false, position: 'bottom' },
          tooltip: { callbacks: { title: (items) => this.titles?.[items[0]?.dataIndex ?? -1] ?? items[0]?.label ?? '' } },
        },
        scales: horizontal ? { x: valueAxis, y: categoryAxis } : { x: categoryAxis, y: valueAxis },
      },
    });
    this.applyColors(this.chart, colors);
    return this.chart;
  }

  // Chart.js keeps options behind proxies: they are changed field by field, never spread.
  private applyColors(chart: Chart<'bar', number[], string>, colors: ChartColors): void {
    chart.options.color = colors.foreground;
    if (chart.options.font) chart.options.font.family = colors.font;
    for (const scale of Object.values(chart.options.scales ?? {})) {
      if (!scale) continue;
      if (scale.ticks) scale.ticks.color = colors.foreground;
      if (scale.grid) scale.grid.color = colors.grid;
      if ('title' in scale && scale.title) scale.title.color = colors.foreground;
    }
  }
}
