// What every part of a view is drawn from, and what it may ask for.
import type { DashboardCapabilities, DashboardState, WorkflowView } from '../../../src/shared/dashboardState';
import type { HostRequest } from '../../../src/shared/webviewProtocol';
import type { Dom } from '../dom';
import type { UiChoices } from '../persistedView';

/** restored: drawn from the saved state, the host has not answered yet; live: following the host. */
export type Connection = { readonly kind: 'connecting' | 'restored' | 'live' } | { readonly kind: 'unavailable'; readonly reason: string };

export interface ViewModel {
  readonly state: DashboardState;
  /** Undefined until the host (or the saved state) said what it can do: controls stay disabled. */
  readonly capabilities: DashboardCapabilities | undefined;
  readonly connection: Connection;
  readonly ui: UiChoices;
  /** The workflow the details are about. */
  readonly selected: WorkflowView | undefined;
  /** Epoch milliseconds at this render, for the time spent in a running step. */
  readonly now: number;
}

export interface ViewActions {
  /** Sends the request; a refusal or a timeout is shown to the user. `label` names the action in that message. */
  request(request: HostRequest, label: string): Promise<boolean>;
  select(workflowId: string): void;
  saveDraft(text: string): void;
  /** Shows a message to the user, as a refused request's is shown. */
  notify(message: string): void;
}

export interface PartContext {
  readonly dom: Dom;
  readonly actions: ViewActions;
}

export interface DashboardView {
  readonly root: HTMLElement;
  render(model: ViewModel): void;
  /** Shows a message to the user (a refused request), replacing the previous one. */
  notify(message: string): void;
}

/** The workflow the user chose if it is still there; else the one being worked on; else the newest. */
export function selectedWorkflow(state: DashboardState, ui: UiChoices): WorkflowView | undefined {
  const chosen = ui.selectedWorkflowId === undefined ? undefined : state.workflows.find((workflow) => workflow.id === ui.selectedWorkflowId);
  if (chosen) return chosen;
  const active = state.workflows.filter((workflow) => workflow.status === 'RUNNING' || workflow.status === 'PAUSED');
  if (active.length > 0) return active.reduce((latest, workflow) => (workflow.updatedAt > latest.updatedAt ? workflow : latest));
  return state.workflows[0];
}
