// The command center: on the left the workflows and the form that starts a new one; on the right
// the selected workflow with its controls, what waits for the user's decision, the charts, its
// activity, then the Board's verdicts, its tests, the files it changed and its tokens, its browser
// checks with their screenshots, its contract tests or deployment plan; last, the learned memories.
import type { Dom } from '../dom';
import { DashboardCharts } from '../charts/dashboardCharts';
import { ApprovalsCard } from './approvalsCard';
import { BoardVerdicts } from './boardVerdicts';
import { ChangedFiles } from './changedFiles';
import { ConnectionBanner } from './connectionBanner';
import { DesignChecksCard } from './designChecksCard';
import { IntegrationCard } from './integrationCard';
import { MemoriesCard } from './memoriesCard';
import { RequestForm } from './requestForm';
import { TestResults } from './testResults';
import { TimelineTable } from './timelineTable';
import { TokenUsage } from './tokenUsage';
import type { DashboardView, PartContext, ViewActions, ViewModel } from './viewModel';
import { WorkflowList } from './workflowList';
import { WorkflowSummary } from './workflowSummary';

// Shared empties, so that a workflow without verdicts does not count as a change at every render.
const NO_VERDICTS: readonly never[] = [];
const NO_RUNS: readonly never[] = [];
const NO_TOKENS = {};

export class CommandCenterView implements DashboardView {
  readonly root: HTMLElement;
  private readonly banner: ConnectionBanner;
  private readonly list: WorkflowList;
  private readonly summary: WorkflowSummary;
  private readonly charts: DashboardCharts;
  private readonly timeline: TimelineTable;
  private readonly verdicts: BoardVerdicts;
  private readonly tests: TestResults;
  private readonly tokens: TokenUsage;
  private readonly approvals: ApprovalsCard;
  private readonly files: ChangedFiles;
  private readonly design: DesignChecksCard;
  private readonly integration: IntegrationCard;
  private readonly memories: MemoriesCard;
  private readonly form: RequestForm;

  constructor(dom: Dom, actions: ViewActions) {
    const context: PartContext = { dom, actions };
    this.banner = new ConnectionBanner(dom);
    this.list = new WorkflowList(context);
    this.summary = new WorkflowSummary(context, { compact: false, emptyText: 'No workflow yet. Start one with a request below.' });
    this.charts = new DashboardCharts(dom);
    this.timeline = new TimelineTable(context);
    this.verdicts = new BoardVerdicts(context);
    this.tests = new TestResults(context);
    this.tokens = new TokenUsage(context, 'Tokens and cost');
    this.approvals = new ApprovalsCard(context, { compact: false });
    this.files = new ChangedFiles(context);
    this.design = new DesignChecksCard(context);
    this.integration = new IntegrationCard(context);
    this.memories = new MemoriesCard(context);
    this.form = new RequestForm(context);
    this.root = dom.el('div', { class: 'command-center' }, [
      dom.el('header', { class: 'page-header' }, [dom.el('h1', {}, [dom.icon('pulse'), ' Imperium Command Center']), this.banner.element]),
      dom.el('div', { class: 'layout' }, [
        dom.el('aside', { class: 'sidebar-column' }, [this.list.element, this.form.element]),
        dom.el('div', { class: 'main-column' }, [
          dom.el('div', { class: 'card' }, [this.summary.element]),
          this.approvals.element,
          this.charts.element,
          this.timeline.element,
          dom.el('div', { class: 'detail-grid' }, [this.verdicts.element, this.tests.element, this.files.element, this.tokens.element]),
          this.design.element,
          this.integration.element,
          this.memories.element,
        ]),
      ]),
    ]);
  }

  render(model: ViewModel): void {
    const { selected, state, capabilities } = model;
    this.banner.render(model.connection);
    this.list.render(state.workflows, selected?.id);
    this.summary.render(selected, capabilities, model.now);
    this.charts.render({ selected, workflows: state.workflows, now: model.now });
    this.timeline.render(state.timeline, selected?.id);
    this.verdicts.render(selected?.verdicts ?? NO_VERDICTS);
    this.tests.render(selected?.testRuns ?? NO_RUNS);
    this.tokens.render(selected?.tokens ?? NO_TOKENS);
    this.approvals.render(state.approvals, capabilities?.approvals);
    this.files.render(selected, capabilities?.files, capabilities?.diff);
    this.design.render(selected?.design);
    this.integration.render(selected?.integration);
    this.memories.render(state.memories, capabilities?.memories);
    this.form.render(capabilities?.start, model.ui.requestDraft);
  }

  notify(message: string): void {
    this.banner.notify(message);
  }
}
