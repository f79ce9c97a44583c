// How the CLI's test runs are confined: the --allow-network option, and the line printed before a
// run that says whether its tests run in a sandbox (never pretending they do).
import { expectedConfinement, type SandboxPolicy } from '../infra/sandbox/confinement';

export const SANDBOX_OPTIONS = {
  'allow-network': { type: 'boolean', default: false },
} as const;

export const SANDBOX_USAGE = `Sandbox:
  --allow-network        Let this workflow's test runs reach the network (default: no network).
                         Recorded with the workflow: \`resume\` keeps it, and other workflows
                         are not affected. On resume: allow it for the workflows resumed.
                         On Linux with bubblewrap, tests run confined: see "Security model" in the README.`;

export function sandboxPolicy(values: { readonly 'allow-network'?: boolean }): SandboxPolicy {
  return { allowNetwork: values['allow-network'] === true };
}

/**
 * "Test runs: confined by bubblewrap: ..." or "Test runs: NOT confined: ...". `perWorkflow` (a
 * resume, whose workflows each keep their own permission): the network is said to be theirs.
 */
export async function sandboxBanner(policy: SandboxPolicy, perWorkflow = false): Promise<string> {
  const { note } = await expectedConfinement(policy);
  return `Test runs: ${perWorkflow && policy.allowNetwork !== true ? note.replace(/no network$/, 'the network only where a workflow was allowed it (below)') : note}.`;
}
