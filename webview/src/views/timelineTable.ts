// The live timeline of agent activity for the selected workflow, newest first: time, agent, what it
// did, the file, how long it took, the outcome and the message. Rows are added and dropped one by
// one as the state's capped timeline moves, never rebuilt wholesale while it streams.
import type { TimelineEntry, TimelineOutcome } from '../../../src/shared/dashboardState';
import { agentLabel, formatDuration, formatTime } from '../format';
import { setAttribute } from '../dom';
import type { PartContext } from './viewModel';

const OUTCOME_ICONS: Readonly<Record<TimelineOutcome, string>> = { ok: 'pass', error: 'error', refused: 'circle-slash', running: 'play', info: 'info' };
const OUTCOME_WORDS: Readonly<Record<TimelineOutcome, string>> = { ok: 'ok', error: 'error', refused: 'refused', running: 'started', info: 'info' };

export class TimelineTable {
  readonly element: HTMLElement;
  private readonly body: HTMLTableSectionElement;
  private readonly empty: HTMLElement;
  /** Rows shown, by the entry's seq, in the order shown (newest first). */
  private readonly rows = new Map<number, HTMLTableRowElement>();
  private shown: readonly TimelineEntry[] | undefined;
  private workflowId: string | undefined;
  /** The newest entry looked at, shown or filtered out. */
  private lastSeq = -Infinity;

  constructor(private readonly context: PartContext) {
    const { dom } = context;
    this.body = dom.el('tbody');
    const headings = ['Time', 'Agent', 'Action', 'File', 'Duration', 'Outcome', 'Detail'];
    this.empty = dom.el('p', { class: 'empty' }, ['No activity yet.']);
    this.element = dom.el('section', { class: 'timeline card', attrs: { 'aria-label': 'Activity' } }, [
      dom.el('h2', {}, ['Activity']),
      this.empty,
      dom.el('div', { class: 'table-scroll' }, [
        dom.el('table', { class: 'timeline-table' }, [
          dom.el('caption', { class: 'visually-hidden' }, ['Agent activity, newest first']),
          dom.el('thead', {}, [dom.el('tr', {}, headings.map((heading) => dom.el('th', { attrs: { scope: 'col' } }, [heading])))]),
          this.body,
        ]),
      ]),
    ]);
  }

  /** `workflowId`: show that workflow's entries (and those of no workflow); undefined shows all. */
  render(timeline: readonly TimelineEntry[], workflowId: string | undefined): void {
    if (timeline === this.shown && workflowId === this.workflowId) return;
    // Another workflow, or a state that is not a continuation of the one shown (a new store): start over.
    if (workflowId !== this.workflowId || (timeline.at(-1)?.seq ?? -Infinity) < this.lastSeq) {
      this.rows.clear();
      this.body.replaceChildren();
      this.workflowId = workflowId;
      this.lastSeq = -Infinity;
    }
    this.shown = timeline;
    // The map holds rows oldest first (they are added in seq order): drop those the cap let go.
    const oldest = timeline[0]?.seq ?? Infinity;
    for (const [seq, row] of this.rows) {
      if (seq >= oldest) break;
      row.remove();
      this.rows.delete(seq);
    }
    const added: HTMLTableRowElement[] = [];
    for (const entry of timeline) {
      if (entry.seq <= this.lastSeq) continue;
      this.lastSeq = entry.seq;
      if (workflowId !== undefined && entry.workflowId !== undefined && entry.workflowId !== workflowId) continue;
      const row = this.row(entry);
      this.rows.set(entry.seq, row);
      added.push(row);
    }
    if (added.length > 0) this.body.prepend(...added.reverse());
    setAttribute(this.empty, 'hidden', this.rows.size > 0);
  }

  private row(entry: TimelineEntry): HTMLTableRowElement {
    const { dom, actions } = this.context;
    const file = entry.path
      ? dom.el('button', { class: 'link-button', attrs: { type: 'button', title: `Open ${entry.path}` }, onClick: () => void actions.request({ kind: 'open-file', path: entry.path ?? '' }, `Open ${entry.path}`) }, [entry.path])
      : '';
    return dom.el('tr', { class: `outcome-${entry.outcome}` }, [
      dom.el('td', { class: 'time' }, [formatTime(entry.at)]),
      dom.el('td', {}, [entry.agent ? agentLabel(entry.agent) : '']),
      dom.el('td', {}, [entry.tool ?? entry.kind]),
      dom.el('td', { class: 'file' }, [file]),
      dom.el('td', { class: 'number' }, [entry.durationMs === undefined ? '' : formatDuration(entry.durationMs)]),
      dom.el('td', { class: 'outcome' }, [dom.icon(OUTCOME_ICONS[entry.outcome]), ` ${OUTCOME_WORDS[entry.outcome]}`]),
      dom.el('td', { class: 'detail' }, [entry.text]),
    ]);
  }
}
