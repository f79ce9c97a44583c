// Host messages for the webview tests: a snapshot of a feature workflow in the middle of its green
// phase (the reducer applied to the events the engine would emit), with what the host can do.
import { applyUpdates } from '../../../src/shared/dashboardReducer';
import { type ApprovalView, type DashboardCapabilities, type DashboardUpdate, emptyDashboard, type MemoryView } from '../../../src/shared/dashboardState';
import type { EngineEvent, EngineEventInput } from '../../../src/shared/events';
import type { SnapshotMessage } from '../../../src/shared/webviewProtocol';
import { featureModule } from '../../../src/workflows/feature/featureModule';

export const T0 = 1_700_000_000_000;

export const LIVE: DashboardCapabilities = {
  start: { available: true },
  approvals: { available: true },
  undo: { available: true },
  files: { available: true },
  diff: { available: true },
  memories: { available: true },
};

/** A host that can do none of what is optional. */
export const BARE: DashboardCapabilities = {
  start: { available: false, reason: 'Workflows cannot be started from this window.' },
  approvals: { available: false, reason: 'Edits and escalations are not held for review in this window.' },
  undo: { available: false, reason: 'Undoing a workflow is not available in this window.' },
  files: { available: false, reason: 'The files a workflow changed are not available in this window.' },
  diff: { available: false, reason: 'Diffs of the changed files are not available in this window.' },
  memories: { available: false, reason: 'Learned memories are not available in this window.' },
};

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
  // The phases the host sends with a feature workflow's description: the module's own.
  phases: featureModule.phases,
  status: 'RUNNING',
  step: 'plan',
  createdAt: T0,
  updatedAt: T0,
};

export function featureSnapshot(capabilities: DashboardCapabilities = LIVE): SnapshotMessage {
  return snapshotOf([DESCRIPTION, ...stamp(FEATURE_EVENTS)], capabilities);
}

export const EDIT_APPROVAL: ApprovalView = {
  id: 'approval-1',
  at: T0 + 20_000,
  workflowId: 'wf-1',
  kind: 'edit',
  path: 'src/search.js',
  created: false,
  diff: [
    { kind: 'hunk', text: '@@ -1,3 +1,3 @@' },
    { kind: 'context', text: 'export function byAuthor(books, author) {' },
    { kind: 'removed', text: '  return [];' },
    { kind: 'added', text: '  return books.filter((book) => book.author.toLowerCase().includes(author.toLowerCase()));' },
    { kind: 'context', text: '}' },
  ],
};

export const ESCALATION: ApprovalView = {
  id: 'approval-2',
  at: T0 + 21_000,
  workflowId: 'wf-1',
  kind: 'escalation',
  reason: '"src/search.js" has unsaved changes, and codebot wants to write it. Save or revert your changes, then continue; or skip this edit.',
  options: ['Continue (I saved or reverted it)', 'Skip this edit'],
};

export const MEMORY: MemoryView = {
  id: 'mem-1',
  scope: 'workspace',
  kind: 'convention',
  title: 'Search is case-insensitive',
  text: 'Every search in this project lower-cases both sides before comparing.',
  tags: ['search'],
  provenance: { workflowId: 'wf-0', files: ['src/search.js'], tests: ['test/search.test.js::search > ignores case'] },
  createdAt: T0 - 86_400_000,
};

/** The feature workflow with an edit and an escalation waiting, its changed files, and one memory. */
export function reviewSnapshot(capabilities: DashboardCapabilities = LIVE): SnapshotMessage {
  return snapshotOf(
    [
      DESCRIPTION,
      ...stamp(FEATURE_EVENTS),
      { type: 'workflow-files', workflowId: 'wf-1', files: [{ path: 'test/search.test.js', created: true }] },
      { type: 'approval-pending', approval: EDIT_APPROVAL },
      { type: 'approval-pending', approval: ESCALATION },
      { type: 'memories', memories: [MEMORY] },
    ],
    capabilities,
  );
}
