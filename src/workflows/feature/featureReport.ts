// The feature workflow's report: the report every module ends with, over the feature's phases, with
// the Product Owner's criteria and tasks from plan and the lessons review kept.
import type { LearnedLesson } from '../../superpowers/tdd/learning';
import { buildWorkflowReport, type WorkflowReport, type WorkflowReportInput } from '../workflowReport';
import { FEATURE_PHASES } from './featureWorkflow';

export function buildFeatureReport(input: WorkflowReportInput): WorkflowReport {
  const { outputs } = input.workflow;
  const plan = outputs.plan as { criteria?: string[]; tasks?: string[] } | undefined;
  return buildWorkflowReport({ id: 'feature', phases: FEATURE_PHASES }, input, {
    criteria: plan?.criteria ?? [],
    tasks: plan?.tasks ?? [],
    learned: (outputs.review as { learned?: LearnedLesson[] } | undefined)?.learned ?? [],
  });
}
