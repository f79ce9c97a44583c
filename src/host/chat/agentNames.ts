// The roles as a person reads them in the Chat view.
import type { AgentRole } from '../../shared/agents';

export const AGENT_NAMES: Readonly<Record<AgentRole, string>> = {
  codebot: 'CodeBot',
  testbot: 'TestBot',
  designbot: 'DesignBot',
  integrationbot: 'IntegrationBot',
  'product-owner': 'Product Owner',
  cto: 'CTO',
  cso: 'CSO',
};
