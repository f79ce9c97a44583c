// The Board's verdicts on the selected workflow, newest first: who, on what, the decision and the
// reasons as the member wrote them.
import type { VerdictView } from '../../../src/shared/dashboardState';
import { formatTime, MEMBER_LABELS } from '../format';
import { setAttribute } from '../dom';
import type { PartContext } from './viewModel';

const DECISION_WORDS: Readonly<Record<string, string>> = {
  approve: 'approves',
  'request-changes': 'requests changes to',
  veto: 'vetoes',
  invalid: 'gave no valid verdict on',
  approved: 'approved',
  'changes-requested': 'requested changes to',
  vetoed: 'vetoed',
};

function decisionIcon(decision: string): string {
  if (decision.startsWith('approve')) return 'pass';
  if (decision.startsWith('veto') || decision === 'invalid') return 'error';
  return 'warning';
}

export class BoardVerdicts {
  readonly element: HTMLElement;
  private readonly list: HTMLOListElement;
  private readonly empty: HTMLElement;
  private shown: readonly VerdictView[] | undefined;

  constructor(private readonly context: PartContext) {
    const { dom } = context;
    this.list = dom.el('ol', { class: 'verdict-list' });
    this.empty = dom.el('p', { class: 'empty' }, ['No verdicts yet.']);
    this.element = dom.el('section', { class: 'verdicts card', attrs: { 'aria-label': 'Board verdicts' } }, [dom.el('h2', {}, ['Board verdicts']), this.empty, this.list]);
  }

  render(verdicts: readonly VerdictView[]): void {
    if (verdicts === this.shown) return;
    this.shown = verdicts;
    const { dom } = this.context;
    setAttribute(this.empty, 'hidden', verdicts.length > 0);
    dom.replace(
      this.list,
      verdicts.toReversed().map((verdict) =>
        dom.el('li', { class: `verdict decision-${decisionIcon(verdict.decision)}` }, [
          dom.el('div', { class: 'verdict-head' }, [
            dom.icon(decisionIcon(verdict.decision)),
            dom.el('strong', {}, [MEMBER_LABELS[verdict.member] ?? verdict.member]),
            ` ${DECISION_WORDS[verdict.decision] ?? verdict.decision} the ${verdict.subject}`,
            dom.el('span', { class: 'muted' }, [` · ${formatTime(verdict.at)}`]),
          ]),
          dom.el('p', { class: 'verdict-summary' }, [verdict.summary]),
        ]),
      ),
    );
  }
}
