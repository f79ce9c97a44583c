// Host messages for the webview tests: a snapshot of a feature workflow in the middle of its green
// phase (the reducer applied to the events the engine would emit), with what the host can do.
import { applyUpdates } from '../../../src/shared/dashboardReducer';
import { type DashboardCapabilities, type DashboardUpdate, emptyDashboard } from '../../../src/shared/dashboardState';
import type { EngineEvent, EngineEventInput } from '../../../src/shared/events';
import type { SnapshotMessage } from '../../../src/shared/webviewProtocol';

export const T0 = 1_700_000_000_000;

export const LIVE: DashboardCapabilities = {
  start: { available: true },
  approvals: { available: false, reason: 'Reviewing edits is not available in this version yet.' },
  undo: { available: false, reason: 'Undo is not available in this version yet.' },
  diff: { available: false, reason: 'Diffs are not available in this version yet.' },
};

export const NO_START: DashboardCapabilities = { ...LIVE, start: { available: false, reason: 'No workflow to start from a request yet.' } };

/** Stamps inputs as the engine would, continuing from `after`. */
export function stamp(inputs: readonly EngineEventInput[], after = 0): EngineEvent[] {
  return inputs.map((input, i) => ({ ...input, seq: after + i + 1, at: T0 + (after + i) * 1_000 }) as EngineEvent);
}

export const FEATURE_EVENTS: readonly EngineEventInput[] = [
  { type: 'workflow', workflowId: 'wf-1', status: 'RUNNING', step: 'plan' },
  { type: 'verdict', workflowId: 'wf-1', subject: 'plan', member: 'cto', decision: 'approve', summary: 'A small, testable change.' },
  { type: 'verdict', workflowId: 'wf-1', subject: 'plan', member: 'board', decision: 'approved', summary: 'all members approve' },
  { type: 'workflow', workflowId: 'wf-1', status: 'RUNNING', step: 'red' },
  { type: 'agent', workflowId: 'wf-1', agent: 'testbot', state: 'started', message: 'Write failing tests for search by author' },
  { type: 'tool', workflowId: 'wf-1', agent: 'testbot', tool: 'write_file', path: 'test/search.test.js', outcome: 'ok', durationMs: 14 },
  { type: 'tokens', workflowId: 'wf-1', agent: 'testbot', model: 'gpt-4.1-mini', usage: { promptTokens: 1_200, completionTokens: 300, totalTokens: 1_500 }, costUsd: 0.002 },
  {
    type: 'test-run',
    workflowId: 'wf-1',
    label: 'wf-1 red',
    state: 'finished',
    outcome: 'completed',
    summary: { passed: 4, failed: 1, skipped: 0, total: 5 },
    failures: [{ id: 'f', name: 'finds books by author', suite: ['search'], file: 'test/search.test.js', line: 8, status: 'failed', message: 'expected [] to deeply equal [ "Dune" ]', failureLocation: { file: 'test/search.test.js', line: 10, column: 5 } }],
  },
  { type: 'workflow', workflowId: 'wf-1', status: 'RUNNING', step: 'green' },
  { type: 'agent', workflowId: 'wf-1', agent: 'codebot', state: 'started', message: 'Make the failing tests pass' },
];

export function snapshotOf(updates: readonly DashboardUpdate[], capabilities: DashboardCapabilities = LIVE): SnapshotMessage {
  return { type: 'snapshot', version: '0.1.0', state: applyUpdates(emptyDashboard(), updates), capabilities };
}

export const DESCRIPTION: DashboardUpdate = {
  type: 'workflow-description',
  workflowId: 'wf-1',
  name: 'feature',
  steps: ['plan', 'red', 'green', 'refactor', 'review'],
  status: 'RUNNING',
  step: 'plan',
  createdAt: T0,
  updatedAt: T0,
};

export function featureSnapshot(capabilities: DashboardCapabilities = LIVE): SnapshotMessage {
  return snapshotOf([DESCRIPTION, ...stamp(FEATURE_EVENTS)], capabilities);
}
