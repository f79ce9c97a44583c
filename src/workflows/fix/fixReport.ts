// The fix workflow's report: the report every module ends with, over the fix's phases, with the
// tests it was held to as its criteria and the lessons review kept.
import type { LearnedLesson } from '../../superpowers/tdd/learning';
import { buildWorkflowReport, type WorkflowReport, type WorkflowReportInput } from '../workflowReport';
import { FIX_PHASES } from './fixWorkflow';

export function buildFixReport(input: WorkflowReportInput): WorkflowReport {
  const { outputs } = input.workflow;
  return buildWorkflowReport({ id: 'fix', phases: FIX_PHASES }, input, {
    criteria: (outputs.red as { criteria?: string[] } | undefined)?.criteria ?? [],
    tasks: [],
    learned: (outputs.review as { learned?: LearnedLesson[] } | undefined)?.learned ?? [],
  });
}
