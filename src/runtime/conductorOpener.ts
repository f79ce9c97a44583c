// The engine opener for a Conductor server, the same for the editor and the CLI: it connects
// (checking the server's health first, so a wrong address fails at once naming it), then opens the
// Conductor engine in the folder's task-to-domain with every built-in workflow served by this
// process's workers, and the host's approvals asked on the server too (HUMAN tasks) unless told not.
import type { OpenEngine } from '../core/orchestrator/engineApi';
import type { Logger } from '../core/ports';
import { connectConductor } from '../infra/conductor/conductorConnection';
import { ConductorEngine } from '../infra/conductor/conductorEngine';
import { workspaceDomain } from '../infra/conductor/workspaceDomain';
import { builtInModules } from '../workflows/builtInModules';

export { ConductorConfigurationError, ConductorUnreachableError, normalizeConductorUrl } from '../infra/conductor/conductorConnection';
export { conductorWorkflowLink } from '../infra/conductor/conductorLinks';

export interface ConductorServerChoice {
  readonly url: string;
  /** Sent as X-Authorization, for a server that asks for one. */
  readonly token?: string;
}

export interface ConductorOpenOptions {
  readonly folder: string;
  readonly logger: Logger;
  /** A worker-only process in a container sees the workspace at another path: it names the domain. */
  readonly domain?: string;
  /** Ask the host's approvals on the server too, as HUMAN tasks (default true); false: only where the host asks them. */
  readonly humanTasks?: boolean;
}

export function conductorEngineOpener(server: ConductorServerChoice, options: ConductorOpenOptions): OpenEngine {
  return async ({ approvals, ...parts }) => {
    const connection = await connectConductor({ url: server.url, logger: options.logger, ...(server.token !== undefined && { token: server.token }) });
    return ConductorEngine.open({
      ...parts,
      ...(approvals && options.humanTasks !== false && { approvals }),
      connection,
      domain: options.domain ?? workspaceDomain(options.folder),
      definitions: builtInModules()
        .list()
        .map((module) => module.definition),
    });
  };
}
