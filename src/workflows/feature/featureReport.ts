// The feature workflow's report: the report every module ends with, over the feature's phases, with
// the Product Owner's criteria and tasks from plan, each task with the agent green dispatched it to,
// and the lessons review kept.
import type { LearnedLesson } from '../../superpowers/tdd/learning';
import { plannedTasksOf } from '../../superpowers/planning/plannedTask';
import { agentOutcomesOf } from '../../superpowers/tdd/agentOutcome';
import { buildWorkflowReport, type TaskAssignmentReport, type WorkflowReport, type WorkflowReportInput } from '../workflowReport';
import { FEATURE_PHASES } from './featureWorkflow';

export function buildFeatureReport(input: WorkflowReportInput): WorkflowReport {
  const { outputs } = input.workflow;
  const plan = outputs.plan as { criteria?: string[]; tasks?: unknown } | undefined;
  const tasks = readableTasks(plan?.tasks);
  const outcomes = agentOutcomesOf(outputs.green);
  const assignments: TaskAssignmentReport[] = tasks.map(({ task, agent }) => {
    // TestBot's tasks are done once red completed; every other agent's once green names it.
    const outcome = outcomes.find((candidate) => candidate.agent === agent && candidate.tasks.includes(task));
    if (outcome) return { agent, task, status: 'done', summary: outcome.summary, checkedBy: outcome.checkedBy, ...(outcome.evidence && { screenshots: outcome.evidence.screenshots }) };
    if (agent === 'testbot' && outputs.red !== undefined) return { agent, task, status: 'done', summary: 'written first, in red', checkedBy: 'tests' };
    return { agent, task, status: 'not done' };
  });
  return buildWorkflowReport({ id: 'feature', phases: FEATURE_PHASES }, input, {
    criteria: plan?.criteria ?? [],
    tasks: tasks.map(({ task }) => task),
    assignments,
    learned: (outputs.review as { learned?: LearnedLesson[] } | undefined)?.learned ?? [],
  });
}

function readableTasks(value: unknown): ReturnType<typeof plannedTasksOf> {
  try {
    return plannedTasksOf(value);
  } catch {
    return [];
  }
}
