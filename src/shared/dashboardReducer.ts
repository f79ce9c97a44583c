// The pure reducer from engine events (and what the host adds: workflow descriptions, pending
// approvals, changed files, memories) to what the views show. It never mutates its input, so a view
// can tell what changed by comparing references, and it keeps every list within DASHBOARD_LIMITS.
// Events at or below `lastSeq` are replays and change nothing.
import type { AgentRole } from './agents';
import {
  type AgentView,
  type ApprovalView,
  DASHBOARD_LIMITS,
  type DashboardState,
  type DashboardUpdate,
  type MemoryView,
  type TestFailureView,
  type TestRunView,
  type TimelineEntry,
  type TimelineOutcome,
  type TokenTallies,
  type TokenTally,
  type VerdictView,
  type WorkflowDescription,
  type WorkflowFiles,
  type WorkflowView,
} from './dashboardState';
import type { AgentEvent, EngineEvent, HealingEvent, NetworkEvent, RetryEvent, SkillEvent, TaskEvent, TestRunEvent, TokensEvent, ToolCallEvent, VerdictEvent, WorkflowEvent } from './events';
import type { WorkflowDesignChecks } from './designChecksView';
import type { WorkflowIntegrationView } from './integrationView';
import { networkPermissionSentence } from './networkPermission';
import { isTerminalTask, isTerminalWorkflow } from './taskStatus';
import type { TestCaseResult } from './testResults';

export function applyUpdates(state: DashboardState, updates: readonly DashboardUpdate[]): DashboardState {
  let next = state;
  for (const update of updates) next = applyUpdate(next, update);
  return next;
}

export function applyUpdate(state: DashboardState, update: DashboardUpdate): DashboardState {
  switch (update.type) {
    case 'workflow-description':
      return describe(state, update);
    case 'approval-pending':
      return addApproval(state, update.approval);
    case 'approval-settled':
      return state.approvals.some((approval) => approval.id === update.id) ? { ...state, approvals: state.approvals.filter((approval) => approval.id !== update.id) } : state;
    case 'workflow-files':
      return setFiles(state, update);
    case 'design-checks':
      return setDesignChecks(state, update);
    case 'integration-view':
      return setIntegrationView(state, update);
    case 'memories':
      return { ...state, memories: update.memories.slice(0, DASHBOARD_LIMITS.memories).map(memoryView) };
    case 'superpowers':
      return { ...state, superpowers: update.superpowers };
    default:
      if (!(update.seq > state.lastSeq)) return state;
      return applyEvent({ ...state, lastSeq: update.seq }, update);
  }
}

function applyEvent(state: DashboardState, event: EngineEvent): DashboardState {
  switch (event.type) {
    case 'workflow':
      return onWorkflow(state, event);
    case 'task':
      return onTask(state, event);
    case 'agent':
      return onAgent(state, event);
    case 'tool':
      return onTool(state, event);
    case 'test-run':
      return onTestRun(state, event);
    case 'tokens':
      return onTokens(state, event);
    case 'retry':
      return onRetry(state, event);
    case 'verdict':
      return onVerdict(state, event);
    case 'healing':
      return onHealing(state, event);
    case 'skill':
      return onSkill(state, event);
    case 'network':
      return onNetwork(state, event);
    default:
      // An event type newer than this view: its seq counts, its content is not shown.
      return state;
  }
}

// ------------------------------------------------------------------ per event type

function onSkill(state: DashboardState, event: SkillEvent): DashboardState {
  const workflow = state.workflows.find((candidate) => candidate.id === event.workflowId);
  if (!workflow || workflow.skills?.includes(event.name)) return state;
  const skills = [...(workflow.skills ?? []), event.name];
  return { ...state, workflows: state.workflows.map((candidate) => (candidate === workflow ? { ...candidate, skills } : candidate)) };
}

function onNetwork(state: DashboardState, event: NetworkEvent): DashboardState {
  const next = updateWorkflow(state, event.workflowId, event.at, ({ network: _, ...workflow }) => (event.allowed ? { ...workflow, network: event.by } : workflow));
  return addToTimeline(next, event, { kind: 'workflow', outcome: 'info', text: networkPermissionSentence(event.allowed ? event.by : undefined) });
}

function onWorkflow(state: DashboardState, event: WorkflowEvent): DashboardState {
  const terminal = isTerminalWorkflow(event.status);
  const next = updateWorkflow(state, event.workflowId, event.at, (workflow) => {
    const closed = terminal ? closeOpenTask(workflow, event.at) : workflow;
    return { ...closed, status: event.status, step: event.step, reason: clipOptional(event.reason), endedAt: terminal ? event.at : undefined };
  });
  const outcome: TimelineOutcome = event.status === 'COMPLETED' ? 'ok' : event.status === 'CANCELED' ? 'refused' : terminal ? 'error' : 'info';
  const where = event.step ? ` at ${event.step}` : '';
  const why = event.reason ? `: ${event.reason}` : '';
  return addToTimeline(next, event, { kind: 'workflow', outcome, text: `Workflow ${event.status.toLowerCase().replace('_', ' ')}${where}${why}` });
}

function onTask(state: DashboardState, event: TaskEvent): DashboardState {
  const next = updateWorkflow(state, event.workflowId, event.at, (workflow) => {
    // The engine announces a new step through its first task, not through a workflow event.
    if (event.status === 'SCHEDULED') return { ...workflow, step: event.step };
    if (event.status === 'IN_PROGRESS') return { ...closeOpenTask(workflow, event.at), step: event.step, openTask: { taskId: event.taskId, step: event.step, since: event.at } };
    if (isTerminalTask(event.status) && workflow.openTask?.taskId === event.taskId) return closeOpenTask(workflow, event.at);
    return workflow;
  });
  // Scheduling is bookkeeping; the timeline shows a step starting and ending.
  if (event.status === 'SCHEDULED') return next;
  const attempt = event.retryCount > 0 ? ` (attempt ${event.retryCount + 1})` : '';
  const outcome: TimelineOutcome = event.status === 'IN_PROGRESS' ? 'running' : event.status === 'COMPLETED' ? 'ok' : event.status === 'CANCELED' ? 'refused' : 'error';
  const verb = event.status === 'IN_PROGRESS' ? 'started' : event.status.toLowerCase().replace('_', ' ');
  const why = event.reason ? `: ${event.reason}` : '';
  return addToTimeline(next, event, { kind: 'task', outcome, text: `Step ${event.step} ${verb}${attempt}${why}` });
}

function onAgent(state: DashboardState, event: AgentEvent): DashboardState {
  const agentState: AgentView['state'] = event.state === 'finished' ? 'finished' : event.state === 'failed' ? 'failed' : 'working';
  const next = updateAgent(state, event.agent, (agent) => ({
    role: event.agent,
    state: agentState,
    workflowId: event.workflowId ?? agent?.workflowId,
    // A loop step carries no message; the agent is still doing what it said last.
    message: event.message !== undefined ? clip(event.message) : agent?.message,
    at: event.at,
  }));
  if (event.state === 'step') return next;
  const outcome: TimelineOutcome = event.state === 'started' ? 'running' : event.state === 'finished' ? 'ok' : 'error';
  return addToTimeline(next, event, { kind: 'agent', agent: event.agent, outcome, text: `${event.state}${event.message ? `: ${event.message}` : ''}` });
}

function onTool(state: DashboardState, event: ToolCallEvent): DashboardState {
  const next = updateAgent(state, event.agent, (agent) => ({
    role: event.agent,
    state: 'working',
    workflowId: event.workflowId ?? agent?.workflowId,
    message: clip(event.path ? `${event.tool} ${event.path}` : event.tool),
    at: event.at,
  }));
  return addToTimeline(next, event, {
    kind: 'tool',
    agent: event.agent,
    tool: event.tool,
    path: event.path,
    durationMs: event.durationMs,
    outcome: event.outcome,
    text: event.message ?? '',
  });
}

function onTestRun(state: DashboardState, event: TestRunEvent): DashboardState {
  const run: TestRunView = {
    seq: event.seq,
    at: event.at,
    label: clip(event.label),
    state: event.state === 'started' ? 'running' : 'finished',
    outcome: event.outcome,
    summary: event.summary,
    failures: (event.failures ?? []).slice(0, DASHBOARD_LIMITS.failuresPerRun).map(failureView),
    ...(event.confinement && { confinement: { confined: event.confinement.confined, note: clip(event.confinement.note) } }),
  };
  const next =
    event.workflowId === undefined
      ? state
      : updateWorkflow(state, event.workflowId, event.at, (workflow) => {
          // A finished run replaces the same run's start, so each run is one entry.
          const started = event.state === 'finished' ? workflow.testRuns.findLastIndex((candidate) => candidate.state === 'running' && candidate.label === run.label) : -1;
          const testRuns = started >= 0 ? workflow.testRuns.with(started, { ...run, seq: workflow.testRuns[started].seq }) : capLast([...workflow.testRuns, run], DASHBOARD_LIMITS.testRunsPerWorkflow);
          return { ...workflow, testRuns };
        });
  const { summary } = event;
  const counts = summary ? `${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped` : '';
  const text = event.state === 'started' ? `Tests started: ${event.label}` : `Tests ${event.outcome ?? 'finished'}: ${event.label}${counts ? ` (${counts})` : ''}`;
  const outcome: TimelineOutcome = event.state === 'started' ? 'running' : event.outcome === 'completed' && (summary?.failed ?? 0) === 0 ? 'ok' : 'error';
  return addToTimeline(next, event, { kind: 'test-run', outcome, text });
}

function onTokens(state: DashboardState, event: TokensEvent): DashboardState {
  const next = { ...state, tokens: addTokens(state.tokens, event) };
  if (event.workflowId === undefined) return next;
  return updateWorkflow(next, event.workflowId, event.at, (workflow) => ({ ...workflow, tokens: addTokens(workflow.tokens, event) }));
}

function onRetry(state: DashboardState, event: RetryEvent): DashboardState {
  const next = event.workflowId === undefined ? state : updateWorkflow(state, event.workflowId, event.at, (workflow) => ({ ...workflow, retries: workflow.retries + 1 }));
  const what = event.what === 'model-call' ? 'model call' : 'task';
  return addToTimeline(next, event, { kind: 'retry', outcome: 'info', text: `Retry ${event.attempt} of the ${what} in ${event.delayMs} ms: ${event.reason}` });
}

function onVerdict(state: DashboardState, event: VerdictEvent): DashboardState {
  const verdict: VerdictView = { seq: event.seq, at: event.at, subject: event.subject, member: event.member, decision: event.decision, summary: clip(event.summary) };
  const next =
    event.workflowId === undefined
      ? state
      : updateWorkflow(state, event.workflowId, event.at, (workflow) => ({ ...workflow, verdicts: capLast([...workflow.verdicts, verdict], DASHBOARD_LIMITS.verdictsPerWorkflow) }));
  const outcome: TimelineOutcome = event.decision.startsWith('approve') ? 'ok' : event.decision.startsWith('veto') || event.decision === 'invalid' ? 'error' : 'refused';
  return addToTimeline(next, event, {
    kind: 'verdict',
    agent: event.member === 'board' ? undefined : event.member,
    outcome,
    text: `${event.member === 'board' ? 'Board: ' : ''}${event.subject} ${event.decision}${event.summary ? `: ${event.summary}` : ''}`,
  });
}

const HEALING_WORDS: Readonly<Record<HealingEvent['action'], string>> = {
  detected: 'detected',
  retry: 'retry',
  'reduce-context': 'retry with less context',
  'fallback-model': 'switch to the fallback model',
  'ask-board': 'ask the Board',
  'ask-human': 'ask you',
  skip: 'skip',
  abort: 'abort',
  recovered: 'recovered',
  'gave-up': 'gave up',
  'rolled-back': 'rolled back',
};

function onHealing(state: DashboardState, event: HealingEvent): DashboardState {
  const outcome: TimelineOutcome = event.action === 'recovered' ? 'ok' : event.action === 'detected' || event.action === 'gave-up' || event.action === 'abort' ? 'error' : 'info';
  const attempt = event.attempt !== undefined ? `, attempt ${event.attempt}` : '';
  const choice = event.choice ? ` (answer: ${event.choice})` : '';
  return addToTimeline(state, event, {
    kind: 'healing',
    agent: event.agent,
    outcome,
    text: `Healing, ${event.failure.replace('-', ' ')}: ${HEALING_WORDS[event.action]}${attempt}: ${event.summary}${choice}`,
  });
}

function describe(state: DashboardState, description: WorkflowDescription): DashboardState {
  return updateWorkflow(state, description.workflowId, description.createdAt, (workflow, isNew) => {
    const described = { ...workflow, name: clip(description.name), request: clip(description.request ?? ''), steps: description.steps, phases: description.phases, createdAt: description.createdAt, ...(description.engineLink && { engineLink: description.engineLink }), ...(description.modelNote && { modelNote: clip(description.modelNote) }) };
    // The store's status is taken only when it is newer than what the events said.
    if (!isNew && description.updatedAt <= workflow.updatedAt) return described;
    return {
      ...described,
      status: description.status,
      step: description.step,
      reason: clipOptional(description.reason),
      updatedAt: description.updatedAt,
      endedAt: description.endedAt,
    };
  });
}

function addApproval(state: DashboardState, approval: ApprovalView): DashboardState {
  if (state.approvals.some((pending) => pending.id === approval.id) || state.approvals.length >= DASHBOARD_LIMITS.approvals) return state;
  return { ...state, approvals: [...state.approvals, approvalView(approval)] };
}

/** Text for people is clipped; what a decision must name exactly (the id, an escalation's options) is not. */
function approvalView(approval: ApprovalView): ApprovalView {
  switch (approval.kind) {
    case 'edit': {
      const shown = approval.diff.slice(0, DASHBOARD_LIMITS.diffLines).map((line) => ({ kind: line.kind, text: clip(line.text) }));
      const left = approval.diff.length - shown.length;
      const diffNote = left > 0 ? `${left} more lines of the diff are not shown here.` : approval.diffNote;
      return { ...approval, path: clip(approval.path), diff: shown, diffNote: clipOptional(diffNote), ...(approval.runsCode !== undefined && { runsCode: clip(approval.runsCode) }) };
    }
    case 'command':
      return { ...approval, command: clip(approval.command) };
    case 'escalation':
      return { ...approval, reason: clip(approval.reason) };
  }
}

function setFiles(state: DashboardState, update: WorkflowFiles): DashboardState {
  const index = state.workflows.findIndex((workflow) => workflow.id === update.workflowId);
  if (index < 0) return state;
  const files = update.files.slice(0, DASHBOARD_LIMITS.filesPerWorkflow).map((file) => ({ path: file.path, created: file.created }));
  return { ...state, workflows: state.workflows.with(index, { ...state.workflows[index], files }) };
}

function setDesignChecks(state: DashboardState, update: WorkflowDesignChecks): DashboardState {
  const index = state.workflows.findIndex((workflow) => workflow.id === update.workflowId);
  if (index < 0) return state;
  const { checks } = update;
  const design = {
    source: checks.source,
    findings: checks.findings.slice(0, DASHBOARD_LIMITS.designFindings).map((finding) => ({ text: clip(finding.text), status: finding.status })),
    undecided: checks.undecided.slice(0, DASHBOARD_LIMITS.designFindings).map(clip),
    advice: checks.advice.slice(0, DASHBOARD_LIMITS.designFindings).map(clip),
    screenshots: checks.screenshots.slice(0, DASHBOARD_LIMITS.designShots),
  };
  return { ...state, workflows: state.workflows.with(index, { ...state.workflows[index], design }) };
}

function setIntegrationView(state: DashboardState, update: WorkflowIntegrationView): DashboardState {
  const index = state.workflows.findIndex((workflow) => workflow.id === update.workflowId);
  if (index < 0) return state;
  const { contract, plan } = update.view;
  const limit = DASHBOARD_LIMITS.designFindings;
  const integration = {
    ...(contract && { contract: { ...contract, operations: contract.operations.slice(0, limit).map(clip), failingBefore: contract.failingBefore.slice(0, limit).map(clip) } }),
    ...(plan && {
      plan: {
        summary: clip(plan.summary),
        files: plan.files.slice(0, limit).map((file) => ({ ...file, problems: file.problems.slice(0, limit).map(clip) })),
        commands: plan.commands.slice(0, limit).map((command) => ({ command: clip(command.command), purpose: clip(command.purpose), whyPerson: clip(command.whyPerson) })),
      },
    }),
  };
  return { ...state, workflows: state.workflows.with(index, { ...state.workflows[index], integration }) };
}

function memoryView(memory: MemoryView): MemoryView {
  const { provenance } = memory;
  return {
    ...memory,
    tags: memory.tags.slice(0, DASHBOARD_LIMITS.provenanceItems),
    provenance: {
      workflowId: provenance.workflowId,
      files: provenance.files.slice(0, DASHBOARD_LIMITS.provenanceItems),
      tests: provenance.tests.slice(0, DASHBOARD_LIMITS.provenanceItems),
    },
  };
}

// ------------------------------------------------------------------ helpers

function newWorkflow(id: string, at: number): WorkflowView {
  return { id, name: '', request: '', steps: [], phases: [], status: 'RUNNING', createdAt: at, updatedAt: at, stepMs: {}, retries: 0, testRuns: [], verdicts: [], tokens: {} };
}

/**
 * Applies `change` to the workflow (created when unknown), keeps the list newest first and within
 * its cap: when it overflows, the oldest ended workflow goes (or the oldest one, if none ended).
 */
function updateWorkflow(state: DashboardState, id: string, at: number, change: (workflow: WorkflowView, isNew: boolean) => WorkflowView): DashboardState {
  const index = state.workflows.findIndex((workflow) => workflow.id === id);
  const before = index >= 0 ? state.workflows[index] : newWorkflow(id, at);
  const changed = change(before, index < 0);
  const after = changed.updatedAt >= at ? changed : { ...changed, updatedAt: at };
  const others = index >= 0 ? state.workflows.toSpliced(index, 1) : [...state.workflows];
  let position = others.findIndex((workflow) => workflow.createdAt < after.createdAt);
  if (position < 0) position = others.length;
  const workflows = others.toSpliced(position, 0, after);
  if (workflows.length > DASHBOARD_LIMITS.workflows) {
    const ended = workflows.findLastIndex((workflow) => isTerminalWorkflow(workflow.status));
    workflows.splice(ended >= 0 ? ended : workflows.length - 1, 1);
  }
  return { ...state, workflows };
}

function closeOpenTask(workflow: WorkflowView, at: number): WorkflowView {
  const open = workflow.openTask;
  if (!open) return workflow;
  const spent = Math.max(0, at - open.since);
  return { ...workflow, openTask: undefined, stepMs: { ...workflow.stepMs, [open.step]: (workflow.stepMs[open.step] ?? 0) + spent } };
}

function updateAgent(state: DashboardState, role: AgentRole, change: (agent: AgentView | undefined) => AgentView): DashboardState {
  const index = state.agents.findIndex((agent) => agent.role === role);
  const agents = index >= 0 ? state.agents.with(index, change(state.agents[index])) : [...state.agents, change(undefined)];
  return { ...state, agents };
}

function addToTimeline(state: DashboardState, event: EngineEvent, entry: Omit<TimelineEntry, 'seq' | 'at' | 'workflowId'>): DashboardState {
  const line: TimelineEntry = { seq: event.seq, at: event.at, workflowId: event.workflowId, ...entry, text: clip(entry.text) };
  return { ...state, timeline: capLast([...state.timeline, line], DASHBOARD_LIMITS.timeline) };
}

function addTokens(tallies: TokenTallies, event: TokensEvent): TokenTallies {
  const before: TokenTally = tallies[event.agent] ?? { calls: 0, promptTokens: 0, completionTokens: 0, totalTokens: 0, costUsd: 0, unpricedCalls: 0 };
  const after: TokenTally = {
    calls: before.calls + 1,
    promptTokens: before.promptTokens + event.usage.promptTokens,
    completionTokens: before.completionTokens + event.usage.completionTokens,
    totalTokens: before.totalTokens + event.usage.totalTokens,
    costUsd: before.costUsd + (event.costUsd ?? 0),
    unpricedCalls: before.unpricedCalls + (event.costUsd === undefined ? 1 : 0),
  };
  return { ...tallies, [event.agent]: after };
}

function failureView(test: TestCaseResult): TestFailureView {
  const location = test.failureLocation;
  return {
    name: clip([...test.suite, test.name].join(' > ')),
    file: location?.file ?? test.file,
    line: location?.line ?? test.line,
    column: location?.column,
    message: clip(test.message ?? ''),
  };
}

function capLast<T>(items: T[], cap: number): T[] {
  return items.length > cap ? items.slice(items.length - cap) : items;
}

function clip(text: string): string {
  return text.length > DASHBOARD_LIMITS.textChars ? `${text.slice(0, DASHBOARD_LIMITS.textChars - 1)}…` : text;
}

function clipOptional(text: string | undefined): string | undefined {
  return text === undefined ? undefined : clip(text);
}
