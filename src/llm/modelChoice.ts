// Which model each agent role talks to: one default, and overrides per role.
import { AGENT_ROLES, type AgentRole } from '../shared/agents';
import type { ModelChoice } from '../shared/modelChoice';

export function modelForRole(choice: ModelChoice, role: AgentRole): string {
  return choice.byRole?.[role] ?? choice.default;
}

export function validateModelChoice(choice: ModelChoice): ModelChoice {
  if (typeof choice.default !== 'string' || choice.default.trim() === '') {
    throw new RangeError('models.default must name a model, e.g. "gpt-4o-mini" or "llama3.1".');
  }
  for (const [role, model] of Object.entries(choice.byRole ?? {})) {
    if (!(AGENT_ROLES as readonly string[]).includes(role)) {
      throw new RangeError(`models.byRole has an unknown agent role "${role}"; the roles are ${AGENT_ROLES.join(', ')}.`);
    }
    if (typeof model !== 'string' || model.trim() === '') throw new RangeError(`models.byRole.${role} must name a model.`);
  }
  return choice;
}
