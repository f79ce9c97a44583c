// The selected workflow's latest test run: counts, outcome, and each failure with its message and a
// button that opens the failure's location.
import type { TestRunView } from '../../../src/shared/dashboardState';
import { formatTime } from '../format';
import type { PartContext } from './viewModel';
import type { Dom } from '../dom';

export class TestResults {
  readonly element: HTMLElement;
  private readonly body: HTMLElement;
  private shown: readonly TestRunView[] | undefined;

  constructor(private readonly context: PartContext) {
    const { dom } = context;
    this.body = dom.el('div');
    this.element = dom.el('section', { class: 'tests card', attrs: { 'aria-label': 'Test results' } }, [dom.el('h2', {}, ['Tests']), this.body]);
  }

  render(runs: readonly TestRunView[]): void {
    if (runs === this.shown) return;
    this.shown = runs;
    const { dom, actions } = this.context;
    const run = runs.at(-1);
    if (!run) {
      dom.replace(this.body, [dom.el('p', { class: 'empty' }, ['No test runs yet.'])]);
      return;
    }
    const summary = run.summary;
    const counts = summary
      ? dom.el('p', { class: 'test-counts' }, [
          dom.el('span', { class: 'passed' }, [dom.icon('pass'), ` ${summary.passed} passed`]),
          dom.el('span', { class: 'failed' }, [dom.icon('error'), ` ${summary.failed} failed`]),
          dom.el('span', { class: 'skipped' }, [dom.icon('debug-step-over'), ` ${summary.skipped} skipped`]),
        ])
      : undefined;
    const state = run.state === 'running' ? 'running' : (run.outcome ?? 'finished');
    dom.replace(this.body, [
      dom.el('p', { class: 'test-run-head' }, [dom.el('strong', {}, [run.label]), ` · ${state} · ${formatTime(run.at)} · run ${runs.length}`]),
      counts,
      run.confinement && confinementLine(dom, run.confinement),
      run.failures.length > 0 &&
        dom.el(
          'ul',
          { class: 'failure-list', attrs: { 'aria-label': 'Failures' } },
          run.failures.map((failure) => {
            const where = `${failure.file}${failure.line ? `:${failure.line}` : ''}`;
            return dom.el('li', { class: 'failure' }, [
              dom.el('div', { class: 'failure-head' }, [
                dom.icon('error'),
                dom.el('span', { class: 'failure-name' }, [` ${failure.name} `]),
                dom.el(
                  'button',
                  {
                    class: 'link-button',
                    attrs: { type: 'button', 'aria-label': `Open ${where}` },
                    onClick: () => void actions.request({ kind: 'open-file', path: failure.file, line: failure.line, column: failure.column }, `Open ${where}`),
                  },
                  [where],
                ),
              ]),
              failure.message && dom.el('pre', { class: 'failure-message' }, [failure.message]),
            ]);
          }),
        ),
    ]);
  }
}

/** Where the tests ran: a warning when model-written code ran outside a sandbox, a quiet line when it ran inside one. */
function confinementLine(dom: Dom, confinement: NonNullable<TestRunView['confinement']>): HTMLElement {
  return confinement.confined
    ? dom.el('p', { class: 'test-confinement confined' }, [dom.icon('shield'), ` ${sentence(confinement.note)}`])
    : dom.el('p', { class: 'test-confinement unconfined', attrs: { role: 'note' } }, [dom.icon('warning'), ` ${sentence(confinement.note)}`]);
}

function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
