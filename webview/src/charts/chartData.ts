// The numbers behind the four charts, and a sentence for each that screen readers get instead of
// the picture. Pure: no canvas, no DOM.
import type { AgentRole } from '../../../src/shared/agents';
import type { TestRunView, TokenTallies, WorkflowView } from '../../../src/shared/dashboardState';
import type { WorkflowStatus } from '../../../src/shared/taskStatus';
import type { PhaseTone } from '../../../src/shared/workflowPhase';
import { agentLabel, formatCount, formatDuration, STATUS_LABELS, stepLabel } from '../format';

export interface SeriesData {
  readonly labels: readonly string[];
  readonly values: readonly number[];
  readonly summary: string;
}

/** Seconds per step: the attempts that ended, plus the one running now; `tones`, of each step's phase, colour them. */
export function timePerPhase(workflow: WorkflowView | undefined, now: number): SeriesData & { readonly tones: readonly (PhaseTone | undefined)[] } {
  if (!workflow) return { labels: [], values: [], tones: [], summary: 'Time per phase: no workflow.' };
  const spent = new Map<string, number>(Object.entries(workflow.stepMs));
  const open = workflow.openTask;
  if (open) spent.set(open.step, (spent.get(open.step) ?? 0) + Math.max(0, now - open.since));
  const order = [...workflow.steps, ...[...spent.keys()].filter((step) => !workflow.steps.includes(step))];
  const steps = order.filter((step) => spent.has(step));
  const labels = steps.map(stepLabel);
  const tones = steps.map((step) => workflow.phases.find((phase) => phase.steps.includes(step))?.tone);
  const ms = steps.map((step) => spent.get(step) ?? 0);
  const summary = steps.length === 0 ? 'Time per phase: nothing has run yet.' : `Time per phase: ${labels.map((label, i) => `${label} ${formatDuration(ms[i])}`).join(', ')}.`;
  return { labels, values: ms.map((value) => value / 1_000), tones, summary };
}

export function tokensPerAgent(tallies: TokenTallies): SeriesData {
  const agents = (Object.keys(tallies) as AgentRole[]).filter((role) => tallies[role] !== undefined);
  const labels = agents.map(agentLabel);
  const values = agents.map((role) => tallies[role]?.totalTokens ?? 0);
  const summary = agents.length === 0 ? 'Tokens per agent: no model calls yet.' : `Tokens per agent: ${labels.map((label, i) => `${label} ${formatCount(values[i])}`).join(', ')}.`;
  return { labels, values, summary };
}

export interface AttemptsData {
  /** The runs' numbers, short enough for the axis. */
  readonly labels: readonly string[];
  /** The runs' own labels, for the tooltips. */
  readonly titles: readonly string[];
  readonly passed: readonly number[];
  readonly failed: readonly number[];
  readonly summary: string;
}

/** Passed and failed tests of each finished run, in order: red should fail, green should pass. */
export function testAttempts(runs: readonly TestRunView[], workflowId?: string): AttemptsData {
  const finished = runs.filter((run) => run.state === 'finished' && run.summary);
  // Runs are labelled "<workflow> <step>..."; within one workflow's chart the id says nothing.
  const titles = finished.map((run, i) => `${i + 1}. ${workflowId && run.label.startsWith(`${workflowId} `) ? run.label.slice(workflowId.length + 1) : run.label}`);
  const passed = finished.map((run) => run.summary?.passed ?? 0);
  const failed = finished.map((run) => run.summary?.failed ?? 0);
  const summary =
    finished.length === 0 ? 'Tests across attempts: no finished runs yet.' : `Tests across attempts: ${titles.map((title, i) => `${title}: ${passed[i]} passed, ${failed[i]} failed`).join('; ')}.`;
  return { labels: finished.map((_, i) => String(i + 1)), titles, passed, failed, summary };
}

export interface HistoryData extends SeriesData {
  readonly statuses: readonly WorkflowStatus[];
  /** What the values count: minutes, or seconds when every workflow took less than two minutes. */
  readonly unit: 'minutes' | 'seconds';
}

/** The most recent workflows, oldest to newest, with how long each ran and how it ended. */
export function workflowHistory(workflows: readonly WorkflowView[], now: number, limit = 12): HistoryData {
  const recent = workflows.slice(0, limit).toReversed();
  const labels = recent.map((workflow) => workflow.id);
  const ms = recent.map((workflow) => Math.max(0, (workflow.endedAt ?? (workflow.status === 'RUNNING' ? now : workflow.updatedAt)) - workflow.createdAt));
  const statuses = recent.map((workflow) => workflow.status);
  const summary =
    recent.length === 0 ? 'Workflow history: no workflows yet.' : `Workflow history: ${labels.map((label, i) => `${label} ${STATUS_LABELS[statuses[i]].toLowerCase()} after ${formatDuration(ms[i])}`).join(', ')}.`;
  const unit = Math.max(0, ...ms) < 120_000 ? 'seconds' : 'minutes';
  return { labels, values: ms.map((value) => value / (unit === 'seconds' ? 1_000 : 60_000)), statuses, summary, unit };
}
