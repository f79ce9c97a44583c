// Tokens and cost per agent: for the selected workflow, with a total row, or (in the sidebar)
// over every workflow.
import type { AgentRole } from '../../../src/shared/agents';
import type { TokenTallies, TokenTally } from '../../../src/shared/dashboardState';
import { agentLabel, formatCost, formatCount } from '../format';
import type { PartContext } from './viewModel';

export function totalOf(tallies: TokenTallies): TokenTally {
  const total = { calls: 0, promptTokens: 0, completionTokens: 0, totalTokens: 0, costUsd: 0, unpricedCalls: 0 };
  for (const tally of Object.values(tallies)) {
    if (!tally) continue;
    total.calls += tally.calls;
    total.promptTokens += tally.promptTokens;
    total.completionTokens += tally.completionTokens;
    total.totalTokens += tally.totalTokens;
    total.costUsd += tally.costUsd;
    total.unpricedCalls += tally.unpricedCalls;
  }
  return total;
}

export class TokenUsage {
  readonly element: HTMLElement;
  private readonly body: HTMLElement;
  private shown: TokenTallies | undefined;

  constructor(
    private readonly context: PartContext,
    title: string,
  ) {
    const { dom } = context;
    this.body = dom.el('div');
    this.element = dom.el('section', { class: 'tokens card', attrs: { 'aria-label': title } }, [dom.el('h2', {}, [title]), this.body]);
  }

  render(tallies: TokenTallies): void {
    if (tallies === this.shown) return;
    this.shown = tallies;
    const { dom } = this.context;
    const agents = Object.entries(tallies) as [AgentRole, TokenTally][];
    if (agents.length === 0) {
      dom.replace(this.body, [dom.el('p', { class: 'empty' }, ['No model calls yet.'])]);
      return;
    }
    const row = (name: string, tally: TokenTally, header = false) =>
      dom.el('tr', { class: header ? 'total' : undefined }, [
        dom.el('th', { attrs: { scope: 'row' } }, [name]),
        dom.el('td', { class: 'number' }, [formatCount(tally.calls)]),
        dom.el('td', { class: 'number' }, [formatCount(tally.promptTokens)]),
        dom.el('td', { class: 'number' }, [formatCount(tally.completionTokens)]),
        dom.el('td', { class: 'number' }, [formatCount(tally.totalTokens)]),
        dom.el('td', { class: 'number' }, [formatCost(tally)]),
      ]);
    dom.replace(this.body, [
      dom.el('table', { class: 'token-table' }, [
        dom.el('thead', {}, [dom.el('tr', {}, ['Agent', 'Calls', 'Prompt', 'Completion', 'Total', 'Cost'].map((heading) => dom.el('th', { attrs: { scope: 'col' } }, [heading])))]),
        dom.el('tbody', {}, [...agents.map(([role, tally]) => row(agentLabel(role), tally)), row('All agents', totalOf(tallies), true)]),
      ]),
    ]);
  }
}
