// A workflow at a glance, with its controls: title and status, the phases with the current one
// marked, progress, why it stopped, and pause / resume / cancel (plus undo in the command center,
// disabled with the host's reason while the host cannot do it).
import type { DashboardCapabilities, WorkflowView } from '../../../src/shared/dashboardState';
import { networkPermissionSentence } from '../../../src/shared/networkPermission';
import { isTerminalWorkflow } from '../../../src/shared/taskStatus';
import { phaseOf, phaseTitle, progressOf } from '../../../src/shared/workflowPhase';
import { setAttribute, setText } from '../dom';
import { formatDuration, formatTime, STATUS_ICONS, STATUS_LABELS, stepLabel, workflowKind, workflowTitle } from '../format';
import { ActionButton } from './actionButton';
import type { PartContext } from './viewModel';

type StepState = 'passed' | 'current' | 'failed' | 'todo';

interface StepperItem {
  readonly label: string;
  readonly state: StepState;
}

const STEP_STATE_WORDS: Readonly<Record<StepState, string>> = { passed: 'passed', current: 'current', failed: 'failed', todo: 'to do' };

/** The workflow's steps (its phases' steps when only those are known) and a closing Done. */
export function stepperItems(workflow: WorkflowView): StepperItem[] {
  const steps: readonly string[] = workflow.steps.length > 0 ? workflow.steps : workflow.phases.flatMap((p) => p.steps);
  const phase = phaseOf(workflow, workflow.phases);
  const done = phaseTitle('done', workflow.phases);
  const current = workflow.step === undefined ? -1 : steps.findIndex((step) => step.toLowerCase() === workflow.step?.toLowerCase());
  const label = stepLabel;
  if (phase === 'done') return [...steps.map((step) => ({ label: label(step), state: 'passed' as const })), { label: done, state: 'current' }];
  const items = steps.map((step, index): StepperItem => {
    const state: StepState = index < current ? 'passed' : index > current ? 'todo' : phase === 'failed' ? 'failed' : 'current';
    return { label: label(step), state };
  });
  return [...items, phase === 'failed' ? { label: phaseTitle('failed', workflow.phases), state: 'failed' } : { label: done, state: 'todo' }];
}

export class WorkflowSummary {
  readonly element: HTMLElement;
  private readonly title: HTMLElement;
  private readonly status: HTMLElement;
  private readonly meta: HTMLElement;
  private readonly stepper: HTMLOListElement;
  private readonly progress: HTMLElement;
  private readonly progressBar: HTMLElement;
  private readonly reason: HTMLElement;
  private readonly modelNote: HTMLElement;
  private readonly modelNoteText: HTMLElement;
  private readonly networkNote: HTMLElement;
  private readonly networkNoteText: HTMLElement;
  private readonly engineLink: ActionButton;
  private readonly details: HTMLElement;
  private readonly empty: HTMLElement;
  private readonly unavailable: HTMLElement | undefined;
  private readonly pause: ActionButton;
  private readonly resume: ActionButton;
  private readonly cancel: ActionButton;
  private readonly undo: ActionButton | undefined;
  private workflowId: string | undefined;
  private stepperKey = '';

  constructor(
    private readonly context: PartContext,
    options: { readonly compact: boolean; readonly emptyText: string },
  ) {
    const { dom, actions } = context;
    const act = (kind: 'pause' | 'resume' | 'cancel' | 'undo' | 'open-engine-link', label: string) => () => {
      if (this.workflowId !== undefined) return actions.request({ kind, workflowId: this.workflowId }, label);
    };
    this.pause = new ActionButton(context, { icon: 'debug-pause', label: 'Pause', onPress: act('pause', 'Pause') });
    this.resume = new ActionButton(context, { icon: 'debug-continue', label: 'Resume', onPress: act('resume', 'Resume') });
    this.cancel = new ActionButton(context, { icon: 'debug-stop', label: 'Cancel', onPress: act('cancel', 'Cancel') });
    if (!options.compact) {
      // The host asks the user to confirm, showing what will be restored and deleted.
      this.undo = new ActionButton(context, { icon: 'discard', label: 'Undo workflow', onPress: act('undo', 'Undo workflow') });
      this.unavailable = dom.el('p', { class: 'unavailable-note' });
    }
    this.title = dom.el(options.compact ? 'h3' : 'h2', { class: 'summary-title' });
    this.status = dom.el('span', { class: 'status-tag' });
    this.meta = dom.el('p', { class: 'summary-meta' });
    this.stepper = dom.el('ol', { class: 'phase-stepper', attrs: { 'aria-label': 'Phases' } });
    this.progressBar = dom.el('div', { class: 'progress-bar' });
    this.progress = dom.el('div', { class: 'progress', attrs: { role: 'progressbar', 'aria-label': 'Progress', 'aria-valuemin': 0, 'aria-valuemax': 100 } }, [this.progressBar]);
    this.reason = dom.el('p', { class: 'summary-reason' });
    this.modelNoteText = dom.el('span');
    this.modelNote = dom.el('p', { class: 'summary-model' }, [dom.icon('beaker'), ' ', this.modelNoteText]);
    // Only a workflow a person allowed it says so: the others' test runs have no network.
    this.networkNoteText = dom.el('span');
    this.networkNote = dom.el('p', { class: 'summary-network', attrs: { role: 'note' } }, [dom.icon('globe'), ' ', this.networkNoteText]);
    // The host opens the page at the address it computes itself; the view only names the workflow.
    this.engineLink = new ActionButton(context, { icon: 'link-external', label: 'Open in Conductor', appearance: 'secondary', onPress: act('open-engine-link', 'Open in Conductor') });
    this.details = dom.el('div', { class: 'summary-details' }, [
      dom.el('div', { class: 'summary-head' }, [this.title, this.status]),
      this.meta,
      this.modelNote,
      this.networkNote,
      this.stepper,
      this.progress,
      this.reason,
      this.engineLink.element,
      dom.el('div', { class: 'summary-controls', attrs: { role: 'group', 'aria-label': 'Workflow controls' } }, [
        this.pause.element,
        this.resume.element,
        this.cancel.element,
        this.undo?.element,
      ]),
      this.unavailable,
    ]);
    this.empty = dom.el('p', { class: 'empty' }, [options.emptyText]);
    this.element = dom.el('section', { class: `workflow-summary${options.compact ? ' compact' : ''}`, attrs: { 'aria-label': 'Selected workflow' } }, [this.empty, this.details]);
  }

  render(workflow: WorkflowView | undefined, capabilities: DashboardCapabilities | undefined, now: number): void {
    this.workflowId = workflow?.id;
    setAttribute(this.empty, 'hidden', workflow !== undefined);
    setAttribute(this.details, 'hidden', workflow === undefined);
    if (!workflow) return;
    const { dom } = this.context;
    setText(this.title, workflowTitle(workflow));
    if (this.status.dataset.status !== workflow.status) {
      this.status.dataset.status = workflow.status;
      setAttribute(this.status, 'class', `status-tag status-${workflow.status.toLowerCase()}`);
      dom.replace(this.status, [dom.icon(STATUS_ICONS[workflow.status]), STATUS_LABELS[workflow.status]]);
    }
    const elapsed = (workflow.endedAt ?? (workflow.status === 'RUNNING' ? now : workflow.updatedAt)) - workflow.createdAt;
    const retries = workflow.retries > 0 ? ` · ${workflow.retries} ${workflow.retries === 1 ? 'retry' : 'retries'}` : '';
    setText(this.meta, `${workflowKind(workflow)} · started ${formatTime(workflow.createdAt)} · ${formatDuration(Math.max(0, elapsed))}${retries}`);
    this.renderStepper(stepperItems(workflow));
    const percent = Math.round(progressOf(workflow) * 100);
    setAttribute(this.progress, 'aria-valuenow', percent);
    setAttribute(this.progress, 'aria-valuetext', `${percent}%`);
    if (this.progressBar.style.width !== `${percent}%`) this.progressBar.style.width = `${percent}%`;
    setText(this.reason, workflow.reason ?? '');
    setAttribute(this.reason, 'hidden', !workflow.reason);
    setText(this.modelNoteText, workflow.modelNote ?? '');
    setAttribute(this.modelNote, 'hidden', !workflow.modelNote);
    setText(this.networkNoteText, workflow.network ? networkPermissionSentence(workflow.network) : '');
    setAttribute(this.networkNote, 'hidden', workflow.network === undefined);
    setAttribute(this.engineLink.element, 'hidden', workflow.engineLink === undefined);
    this.engineLink.update(workflow.engineLink !== undefined && capabilities !== undefined);
    const live = capabilities !== undefined;
    this.pause.update(live && workflow.status === 'RUNNING');
    this.resume.update(live && workflow.status === 'PAUSED');
    this.cancel.update(live && (workflow.status === 'RUNNING' || workflow.status === 'PAUSED'));
    this.renderUndo(workflow, capabilities);
  }

  private renderStepper(items: readonly StepperItem[]): void {
    const key = items.map((item) => `${item.label}:${item.state}`).join('|');
    if (key === this.stepperKey) return;
    this.stepperKey = key;
    const { dom } = this.context;
    dom.replace(
      this.stepper,
      items.map((item) =>
        dom.el('li', { class: `step step-${item.state}`, attrs: { 'aria-current': item.state === 'current' ? 'step' : undefined } }, [
          item.label,
          dom.el('span', { class: 'visually-hidden' }, [`, ${STEP_STATE_WORDS[item.state]}`]),
        ]),
      ),
    );
  }

  private renderUndo(workflow: WorkflowView, capabilities: DashboardCapabilities | undefined): void {
    if (!this.undo || !this.unavailable) return;
    const undo = capabilities?.undo;
    const unavailable = undo && !undo.available ? undo.reason : undefined;
    const ended = isTerminalWorkflow(workflow.status);
    this.undo.update(undo?.available === true && ended, unavailable ?? (ended ? undefined : 'Cancel the workflow, or let it finish, before undoing it.'));
    setText(this.unavailable, unavailable ?? '');
    setAttribute(this.unavailable, 'hidden', unavailable === undefined);
  }
}
