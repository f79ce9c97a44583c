// The sidebar dashboard, the compact version: what waits for the user's decision (when something
// does), the workflow being worked on with its controls, what each agent is doing, the superpowers
// (skills) loaded and used, the tokens spent, and quick actions.
import { type Dom, setAttribute, setText } from '../dom';
import { formatCost, formatCount } from '../format';
import { ActionButton } from './actionButton';
import { AgentList } from './agentList';
import { ApprovalsCard } from './approvalsCard';
import { ConnectionBanner } from './connectionBanner';
import { SuperpowersCard } from './superpowersCard';
import { totalOf } from './tokenUsage';
import type { DashboardView, PartContext, ViewActions, ViewModel } from './viewModel';
import { WorkflowSummary } from './workflowSummary';

export class SidebarView implements DashboardView {
  readonly root: HTMLElement;
  private readonly banner: ConnectionBanner;
  private readonly summary: WorkflowSummary;
  private readonly agents: AgentList;
  private readonly approvals: ApprovalsCard;
  private readonly superpowers: SuperpowersCard;
  private readonly tokens: HTMLElement;
  private readonly openCommandCenter: ActionButton;
  private readonly start: ActionButton;
  private readonly showLog: ActionButton;
  private readonly startNote: HTMLElement;
  private readonly workflowHeading: HTMLElement;

  constructor(dom: Dom, actions: ViewActions) {
    const context: PartContext = { dom, actions };
    this.banner = new ConnectionBanner(dom);
    this.summary = new WorkflowSummary(context, { compact: true, emptyText: 'No workflow is running.' });
    this.agents = new AgentList(context);
    this.approvals = new ApprovalsCard(context, { compact: true });
    this.superpowers = new SuperpowersCard(context);
    this.tokens = dom.el('p', { class: 'token-total' });
    const openCenter = () => actions.request({ kind: 'open-command-center' }, 'Open Command Center');
    this.openCommandCenter = new ActionButton(context, { icon: 'dashboard', label: 'Open Command Center', appearance: 'primary', onPress: openCenter });
    // The request form lives in the command center; this takes the user there.
    this.start = new ActionButton(context, { icon: 'play', label: 'Start a workflow…', onPress: openCenter });
    this.showLog = new ActionButton(context, { icon: 'output', label: 'Show Log', onPress: () => actions.request({ kind: 'show-log' }, 'Show Log') });
    this.startNote = dom.el('p', { class: 'unavailable-note' });
    this.workflowHeading = dom.el('h2', {}, ['Active workflow']);
    this.openCommandCenter.update(true);
    this.showLog.update(true);
    this.root = dom.el('div', { class: 'sidebar' }, [
      this.banner.element,
      this.approvals.element,
      dom.el('section', { class: 'card', attrs: { 'aria-label': 'Workflow' } }, [this.workflowHeading, this.summary.element]),
      this.agents.element,
      this.superpowers.element,
      dom.el('section', { class: 'card', attrs: { 'aria-label': 'Tokens' } }, [dom.el('h2', {}, ['Tokens']), this.tokens]),
      dom.el('section', { class: 'card quick-actions', attrs: { 'aria-label': 'Quick actions' } }, [
        dom.el('h2', {}, ['Quick actions']),
        this.openCommandCenter.element,
        this.start.element,
        this.startNote,
        this.showLog.element,
      ]),
    ]);
  }

  render(model: ViewModel): void {
    const { capabilities } = model;
    this.banner.render(model.connection);
    this.approvals.render(model.state.approvals, capabilities?.approvals);
    const status = model.selected?.status;
    setText(this.workflowHeading, status === undefined || status === 'RUNNING' || status === 'PAUSED' ? 'Active workflow' : 'Latest workflow');
    this.summary.render(model.selected, capabilities, model.now);
    this.agents.render(model.state.agents);
    this.superpowers.render(model.state.superpowers, model.selected);
    const total = totalOf(model.state.tokens);
    setText(this.tokens, total.calls === 0 ? 'No model calls yet.' : `${formatCount(total.totalTokens)} tokens in ${formatCount(total.calls)} calls · ${formatCost(total)}`);
    const start = capabilities?.start;
    const reason = start && !start.available ? start.reason : undefined;
    this.start.update(start?.available === true, reason);
    setText(this.startNote, reason ?? '');
    setAttribute(this.startNote, 'hidden', reason === undefined);
  }

  notify(message: string): void {
    this.banner.notify(message);
  }
}
