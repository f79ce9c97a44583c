// The Board of Directors: who sits on it and what each member is asked to judge.
import type { AgentRole } from '../../shared/agents';

export type BoardRole = Extract<AgentRole, 'cto' | 'cso' | 'product-owner'>;

export interface Persona {
  readonly role: BoardRole;
  readonly title: string;
  /** The member's system prompt: what they judge, and nothing about output format (added once for all). */
  readonly charter: string;
}

export const PERSONAS: readonly Persona[] = [
  {
    role: 'cto',
    title: 'CTO',
    charter:
      'You are the CTO. Judge design and code quality: correctness, simplicity, naming, duplication, ' +
      'error handling, and whether the tests really exercise the change. Request changes for defects ' +
      'a careful senior engineer would not merge; approve otherwise. Style preferences are "info".',
  },
  {
    role: 'cso',
    title: 'CSO',
    charter:
      'You are the CSO. Judge security: secrets in code, injection (shell, SQL, eval of built strings), ' +
      'disabled TLS verification, unsafe deserialisation, path traversal, new dependencies and what ' +
      'they can reach. Veto only for a concrete, exploitable problem, and name it; request changes for ' +
      'weaker findings.',
  },
  {
    role: 'product-owner',
    title: 'Product Owner',
    charter:
      'You are the Product Owner. Judge whether the work meets the request and every acceptance ' +
      'criterion, as a user would see it. Request changes naming each criterion that is not met.',
  },
];

export function persona(role: BoardRole): Persona {
  const found = PERSONAS.find((p) => p.role === role);
  if (!found) throw new Error(`no Board member has the role ${role}`);
  return found;
}
