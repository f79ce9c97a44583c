// The report every workflow module ends with: request, criteria, the module's phases with
// durations, files changed with their diffs, test results, the Board's verdicts with reasons, every
// self-healing step, what was learned, tokens and cost per agent. A module says what its steps
// established (criteria, tasks, lessons); the rest comes from the workflow's state and events.
import { networkPermissionText, type NetworkPermission } from '../shared/networkPermission';
import type { VerdictRecord } from '../core/board/boardReview';
import { changeOf, unifiedDiff, type ChangedFile, type FileChange } from '../core/changeSet';
import type { WorkflowSnapshot } from '../core/orchestrator/workflowState';
import type { EngineEvent, HealingEvent } from '../shared/events';
import type { DesignScreenshot } from '../shared/designScreenshots';
import type { WorkflowStatus } from '../shared/taskStatus';
import type { TestRunResult, TestSummary } from '../shared/testResults';
import type { WorkflowPhaseInfo } from '../shared/workflowPhase';
import type { LearnedLesson } from '../superpowers/tdd/learning';
import { skillsUsed, type SkillUsed } from './skillsUsed';

export interface PhaseReport {
  /** The module's phase id. */
  readonly phase: string;
  readonly status: 'done' | 'failed' | 'not reached' | 'running';
  /** Attempts (tasks) the phase's steps took, visits back included. */
  readonly tasks: number;
  readonly durationMs: number;
  readonly summary?: string;
}

export interface AgentUsage {
  readonly agent: string;
  readonly calls: number;
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly costUsd?: number;
}

/** One step of the self-healing layer: what a detector saw, or what the retry ladder did and why. */
export interface HealingReport {
  readonly action: HealingEvent['action'];
  readonly failure: HealingEvent['failure'];
  /** The step it concerns, when it concerns one. */
  readonly step?: string;
  readonly attempt?: number;
  readonly choice?: string;
  readonly summary: string;
}

/** A planned task and the agent it was dispatched to, with what that agent's gate showed. */
export interface TaskAssignmentReport {
  readonly agent: string;
  readonly task: string;
  readonly status: 'done' | 'not done';
  /** The agent's account and how its work was checked, once it ran. */
  readonly summary?: string;
  readonly checkedBy?: 'tests' | 'own checks';
  /** Screenshots before and after and their diff, when its checks took them. */
  readonly screenshots?: readonly DesignScreenshot[];
}

export interface WorkflowReport {
  readonly workflowId: string;
  /** The workflow module that ran (its id). */
  readonly workflow: string;
  readonly request: string;
  readonly status: WorkflowStatus;
  readonly reason?: string;
  readonly criteria: readonly string[];
  readonly tasks: readonly string[];
  /** Each planned task with the agent that did it; empty when the module does not dispatch by agent. */
  readonly assignments: readonly TaskAssignmentReport[];
  readonly phases: readonly PhaseReport[];
  /** `notShown`: why the diff is left out (the file is too large to show, or binary). */
  readonly files: readonly { readonly path: string; readonly change: FileChange; readonly diff: string; readonly notShown?: string }[];
  readonly tests?: { readonly outcome: TestRunResult['outcome']; readonly summary: TestSummary; readonly failures: readonly { readonly id: string; readonly message?: string }[] };
  readonly verdicts: readonly Pick<VerdictRecord, 'subject' | 'role' | 'title' | 'decision' | 'summary' | 'findings' | 'source'>[];
  /** Every step the self-healing layer took, in order. */
  readonly healing: readonly HealingReport[];
  /**
   * How the workflow's test runs (model-written code) were confined, one line for each way they
   * were ("confined by bubblewrap: ..." or "not confined: ..."); empty when no runner said.
   */
  readonly confinement?: readonly string[];
  /** Whether the workflow's test runs could reach the network, as the person allowed it: "test runs have no network", ... */
  readonly network: string;
  /** What long-term memory kept from this workflow (only once its tests passed and the Board approved). */
  readonly learned: readonly LearnedLesson[];
  /** The skills (superpowers) the agents loaded with use_skill: name, source, content hash. */
  readonly skills: readonly SkillUsed[];
  readonly usage: readonly AgentUsage[];
  readonly totals: { readonly promptTokens: number; readonly completionTokens: number; readonly costUsd?: number };
  readonly startedAt: string;
  readonly durationMs: number;
}

export interface WorkflowReportInput {
  readonly workflow: WorkflowSnapshot;
  readonly events: readonly EngineEvent[];
  readonly verdicts: readonly VerdictRecord[];
  readonly changes: readonly ChangedFile[];
  /** The suite run after the workflow ended. */
  readonly finalTests?: TestRunResult;
}

/** What only the module knows: what its steps established, read from their outputs. */
export interface ModuleFindings {
  readonly criteria: readonly string[];
  readonly tasks: readonly string[];
  readonly assignments?: readonly TaskAssignmentReport[];
  readonly learned: readonly LearnedLesson[];
}

export function buildWorkflowReport(
  module: { readonly id: string; readonly phases: readonly WorkflowPhaseInfo[] },
  { workflow, events, verdicts, changes, finalTests }: WorkflowReportInput,
  findings: ModuleFindings,
): WorkflowReport {
  const usage = usageByAgent(events.filter((event) => event.workflowId === workflow.id));
  const costs = usage.map((u) => u.costUsd).filter((c): c is number => c !== undefined);
  return {
    workflowId: workflow.id,
    workflow: module.id,
    request: String(workflow.input.request ?? ''),
    status: workflow.status,
    ...(workflow.reason !== undefined && { reason: workflow.reason }),
    criteria: findings.criteria,
    tasks: findings.tasks,
    assignments: findings.assignments ?? [],
    phases: module.phases.map(({ id, steps }) => phaseReport(workflow, id, steps)),
    files: changes.map((file) => ({
      path: file.path,
      change: changeOf(file),
      diff: unifiedDiff(file),
      ...(file.notShown && { notShown: file.notShown.reason }),
    })),
    ...(finalTests && {
      tests: {
        outcome: finalTests.outcome,
        summary: finalTests.summary,
        failures: finalTests.tests.filter((t) => t.status === 'failed').map((t) => ({ id: t.id, ...(t.message !== undefined && { message: t.message }) })),
      },
    }),
    verdicts: verdicts
      .filter((v) => v.workflowId === workflow.id)
      .map(({ subject, role, title, decision, summary, findings, source }) => ({ subject, role, title, decision, summary, findings, source })),
    healing: healingOf(workflow, events),
    confinement: confinementOf(events, workflow.id),
    network: networkPermissionText(networkOf(events, workflow.id)),
    learned: findings.learned,
    skills: skillsUsed(events, workflow.id),
    usage,
    totals: {
      promptTokens: sum(usage.map((u) => u.promptTokens)),
      completionTokens: sum(usage.map((u) => u.completionTokens)),
      ...(costs.length > 0 && { costUsd: sum(costs) }),
    },
    startedAt: new Date(workflow.createdAt).toISOString(),
    durationMs: (workflow.endedAt ?? workflow.updatedAt) - workflow.createdAt,
  };
}

/** The workflow's permission as its last 'network' event left it. */
function networkOf(events: readonly EngineEvent[], workflowId: string): NetworkPermission {
  let permission: NetworkPermission;
  for (const event of events) if (event.type === 'network' && event.workflowId === workflowId) permission = event.allowed ? event.by : undefined;
  return permission;
}

function confinementOf(events: readonly EngineEvent[], workflowId: string): string[] {
  const notes = new Set<string>();
  for (const event of events) if (event.type === 'test-run' && event.workflowId === workflowId && event.confinement) notes.add(event.confinement.note);
  return [...notes];
}

function phaseReport(workflow: WorkflowSnapshot, phase: string, steps: readonly string[]): PhaseReport {
  const tasks = workflow.tasks.filter((task) => steps.includes(task.step));
  const durationMs = sum(tasks.map((task) => (task.endedAt ?? task.startedAt ?? 0) - (task.startedAt ?? task.endedAt ?? 0)));
  const last = tasks.at(-1);
  // A workflow that ended badly ended in the phase of its last task, even when that task completed
  // (a step that sent the workflow back once too often completes, and the workflow fails).
  const endedHere = last !== undefined && last === workflow.tasks.at(-1) && workflow.status !== 'COMPLETED' && workflow.status !== 'RUNNING' && workflow.status !== 'PAUSED';
  const status: PhaseReport['status'] =
    !last ? 'not reached' : endedHere ? 'failed' : last.status === 'COMPLETED' ? 'done' : last.status === 'IN_PROGRESS' || last.status === 'SCHEDULED' ? 'running' : 'failed';
  const output = last?.output as { summary?: unknown; outcome?: unknown } | undefined;
  const said = typeof output?.summary === 'string' ? output.summary : typeof output?.outcome === 'string' ? `Board: ${output.outcome}` : last?.reason;
  // Its own output says why a failed task failed; a completed one that ended the workflow does not.
  const summary = endedHere && last.status === 'COMPLETED' && workflow.reason ? `${workflow.reason}${said ? ` (${said})` : ''}` : said;
  return { phase, status, tasks: tasks.length, durationMs, ...(summary !== undefined && { summary }) };
}

function healingOf(workflow: WorkflowSnapshot, events: readonly EngineEvent[]): HealingReport[] {
  const stepOf = new Map(workflow.tasks.map((task) => [task.id, task.step]));
  return events.flatMap((event) => {
    if (event.type !== 'healing' || event.workflowId !== workflow.id) return [];
    const step = event.taskId === undefined ? undefined : stepOf.get(event.taskId);
    return [
      {
        action: event.action,
        failure: event.failure,
        ...(step !== undefined && { step }),
        ...(event.attempt !== undefined && { attempt: event.attempt }),
        ...(event.choice !== undefined && { choice: event.choice }),
        summary: event.summary,
      },
    ];
  });
}

function usageByAgent(events: readonly EngineEvent[]): AgentUsage[] {
  const byAgent = new Map<string, { calls: number; promptTokens: number; completionTokens: number; costUsd?: number }>();
  for (const event of events) {
    if (event.type !== 'tokens') continue;
    const entry = byAgent.get(event.agent) ?? { calls: 0, promptTokens: 0, completionTokens: 0 };
    entry.calls++;
    entry.promptTokens += event.usage.promptTokens;
    entry.completionTokens += event.usage.completionTokens;
    if (event.costUsd !== undefined) entry.costUsd = (entry.costUsd ?? 0) + event.costUsd;
    byAgent.set(event.agent, entry);
  }
  return [...byAgent].map(([agent, entry]) => ({ agent, ...entry })).sort((a, b) => a.agent.localeCompare(b.agent));
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
