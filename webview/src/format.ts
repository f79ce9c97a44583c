// How numbers, times and states read in the views.
import type { TokenTally, WorkflowView } from '../../src/shared/dashboardState';
import type { WorkflowStatus } from '../../src/shared/taskStatus';

export function formatDuration(ms: number): string {
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1_000;
  if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 1 : 0)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${String(Math.floor(seconds % 60)).padStart(2, '0')} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

export function formatTime(at: number): string {
  const date = new Date(at);
  return [date.getHours(), date.getMinutes(), date.getSeconds()].map((part) => String(part).padStart(2, '0')).join(':');
}

const integer = new Intl.NumberFormat('en-US');

export function formatCount(value: number): string {
  return integer.format(value);
}

/** The cost of the priced calls, and a word when some calls had no price. */
export function formatCost(tally: Pick<TokenTally, 'costUsd' | 'calls' | 'unpricedCalls'>): string {
  if (tally.calls > 0 && tally.unpricedCalls === tally.calls) return 'no price set';
  const cost = `$${tally.costUsd.toFixed(tally.costUsd < 1 ? 4 : 2)}`;
  return tally.unpricedCalls > 0 ? `${cost} + ${tally.unpricedCalls} unpriced` : cost;
}

export const STATUS_LABELS: Readonly<Record<WorkflowStatus, string>> = {
  RUNNING: 'Running',
  PAUSED: 'Paused',
  COMPLETED: 'Completed',
  FAILED: 'Failed',
  TIMED_OUT: 'Timed out',
  CANCELED: 'Canceled',
};

export const STATUS_ICONS: Readonly<Record<WorkflowStatus, string>> = {
  RUNNING: 'sync',
  PAUSED: 'debug-pause',
  COMPLETED: 'pass',
  FAILED: 'error',
  TIMED_OUT: 'watch',
  CANCELED: 'circle-slash',
};

/** A step's name for people, in its words ("planReview" reads "Plan review"). */
export function stepLabel(step: string): string {
  const words = step.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[-_]+/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const TITLE_CHARS = 140;

/** The workflow's title: what the person asked for (its first line), else its module and id. */
export function workflowTitle(workflow: Pick<WorkflowView, 'id' | 'name'> & Partial<Pick<WorkflowView, 'request'>>): string {
  const request = workflow.request?.split('\n')[0]?.trim();
  if (request) return request.length > TITLE_CHARS ? `${request.slice(0, TITLE_CHARS - 1)}…` : request;
  return workflow.name ? `${workflow.name} (${workflow.id})` : workflow.id;
}

/** What kind of workflow it is and its id, beside a title that is the request. */
export function workflowKind(workflow: Pick<WorkflowView, 'id' | 'name'>): string {
  return workflow.name ? `${workflow.name} · ${workflow.id}` : workflow.id;
}

export const MEMBER_LABELS: Readonly<Record<string, string>> = {
  cto: 'CTO',
  cso: 'CSO',
  'product-owner': 'Product Owner',
  board: 'Board',
};

export function agentLabel(role: string): string {
  return MEMBER_LABELS[role] ?? role.replace(/bot$/, 'Bot').replace(/^./, (first) => first.toUpperCase());
}
