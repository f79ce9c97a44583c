// What a feature step hands its agent of the skills: the index block for the task's context, and
// the dependency that adds use_skill and puts the agent's tools under the skills' allowed-tools.
import type { AgentDependencies } from '../../agents/agentTask';
import type { WorkflowSkills } from './workflowSkills';

export interface StepSkills {
  /** Empty when no skill is offered. */
  readonly index: string;
  readonly tools: Pick<AgentDependencies, 'equipTools'>;
}

export function stepSkills(skills: WorkflowSkills | undefined, step: string, request: string): StepSkills {
  if (!skills) return { index: '', tools: {} };
  const forAgent = skills.forAgent(step, request);
  return { index: forAgent.index.text, tools: { equipTools: forAgent.equip } };
}
