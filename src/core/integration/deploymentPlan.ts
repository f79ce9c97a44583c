// A deployment as a plan: the files it would change, staged (not written) for a person to approve
// one by one, never the Board, and the exact commands a person runs, in order. Nothing in a plan
// is run by an agent.
import { z } from 'zod';

export const plannedFileSchema = z.strictObject({
  path: z.string().min(1).max(500),
  content: z.string().max(200_000),
  purpose: z.string().min(1).max(1000),
});

export const plannedCommandSchema = z.strictObject({
  command: z.string().min(1).max(2000),
  purpose: z.string().min(1).max(1000),
});

export const deploymentPlanSchema = z.strictObject({
  summary: z.string().min(1),
  files: z.array(plannedFileSchema).max(30),
  commands: z.array(plannedCommandSchema).max(30),
});

export type PlannedFile = z.infer<typeof plannedFileSchema>;
export type PlannedCommand = z.infer<typeof plannedCommandSchema>;
export type DeploymentPlanProposal = z.infer<typeof deploymentPlanSchema>;

/** A file of a plan as the person sees it: why it is theirs to approve, and what became of it. */
export interface StagedFile extends PlannedFile {
  readonly before?: string;
  readonly whyPerson: string;
  readonly problems: readonly string[];
  readonly status: 'staged' | 'approved' | 'rejected' | 'not-applied';
  readonly note?: string;
}

export interface StagedCommand extends PlannedCommand {
  readonly whyPerson: string;
}

/** The plan of a deployment as the workflow ends it: nothing in it was run. */
export interface DeploymentPlan {
  readonly summary: string;
  readonly files: readonly StagedFile[];
  readonly commands: readonly StagedCommand[];
  /** Always true: the agent ran none of the commands. */
  readonly nothingRun: true;
}
