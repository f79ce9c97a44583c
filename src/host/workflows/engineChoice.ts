// The engine the editor's workflows run on, from the settings: the embedded one (the default), or
// the Conductor server `imperium.conductor.url` names, with its token from SecretStorage, asking
// approvals on the server too unless `imperium.conductor.humanTasks` is off.
import type { OpenEngine } from '../../core/orchestrator/engineApi';
import { ConductorConfigurationError, conductorEngineOpener } from '../../runtime/conductorOpener';
import type { ConductorTokenStore } from '../conductorTokenStore';
import type { Settings } from '../settings';

export interface EngineChoiceOptions {
  readonly folder: { readonly uri: { readonly fsPath: string } };
  readonly settings: Settings;
  readonly conductorTokens: ConductorTokenStore;
  readonly log: { debug(message: string): void; info(message: string): void; warn(message: string): void; error(message: string): void };
}

/** Undefined for the embedded engine; for Conductor, an opener that fails naming the address when the server does not answer. */
export async function engineOpenerFor(options: EngineChoiceOptions): Promise<OpenEngine | undefined> {
  if (options.settings.engine() !== 'conductor') return undefined;
  const url = options.settings.conductorUrl();
  if (url === undefined) throw new ConductorConfigurationError('imperium.engine is "conductor", but imperium.conductor.url names no server; set it (for example http://127.0.0.1:8080) or set imperium.engine back to "embedded".');
  const token = await options.conductorTokens.get();
  const humanTasks = options.settings.conductorHumanTasks();
  options.log.info(`workflows run on the Conductor server at ${url}${token === undefined ? '' : ' (with the stored token)'}; approvals are asked ${humanTasks ? 'here and on the server as HUMAN tasks' : 'here only (imperium.conductor.humanTasks is off)'}`);
  return conductorEngineOpener({ url, ...(token !== undefined && { token }) }, { folder: options.folder.uri.fsPath, logger: options.log, humanTasks });
}
