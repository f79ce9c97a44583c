// The roles that talk to a model. Each may have its own model (settings: a model per role).
export const AGENT_ROLES = ['codebot', 'testbot', 'designbot', 'integrationbot', 'product-owner', 'cto', 'cso'] as const;
export type AgentRole = (typeof AGENT_ROLES)[number];

export function isAgentRole(value: unknown): value is AgentRole {
  return typeof value === 'string' && (AGENT_ROLES as readonly string[]).includes(value);
}
