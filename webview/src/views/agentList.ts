// What each agent is doing: working, finished or failed, on which workflow, and its last words.
import type { AgentView } from '../../../src/shared/dashboardState';
import { agentLabel, formatTime } from '../format';
import { setAttribute } from '../dom';
import type { PartContext } from './viewModel';

const STATE_ICONS: Readonly<Record<AgentView['state'], string>> = { working: 'sync', finished: 'pass', failed: 'error' };

export class AgentList {
  readonly element: HTMLElement;
  private readonly list: HTMLUListElement;
  private readonly empty: HTMLElement;
  private shown: readonly AgentView[] | undefined;

  constructor(private readonly context: PartContext) {
    const { dom } = context;
    this.list = dom.el('ul', { class: 'agent-list' });
    this.empty = dom.el('p', { class: 'empty' }, ['No agent has run yet.']);
    this.element = dom.el('section', { class: 'agents card', attrs: { 'aria-label': 'Agents' } }, [dom.el('h2', {}, ['Agents']), this.empty, this.list]);
  }

  render(agents: readonly AgentView[]): void {
    if (agents === this.shown) return;
    this.shown = agents;
    const { dom } = this.context;
    setAttribute(this.empty, 'hidden', agents.length > 0);
    dom.replace(
      this.list,
      agents.map((agent) =>
        dom.el('li', { class: `agent agent-${agent.state}` }, [
          dom.el('div', { class: 'agent-head' }, [
            dom.icon(STATE_ICONS[agent.state]),
            dom.el('strong', {}, [` ${agentLabel(agent.role)}`]),
            ` ${agent.state}`,
            dom.el('span', { class: 'muted' }, [`${agent.workflowId ? ` · ${agent.workflowId}` : ''} · ${formatTime(agent.at)}`]),
          ]),
          agent.message && dom.el('p', { class: 'agent-message' }, [agent.message]),
        ]),
      ),
    );
  }
}
