// Which engine a CLI run uses: the embedded one (the default, state in <folder>/.imperium/), or a
// Conductor server (--engine conductor --conductor-url <url>, a token from the environment).
import type { OpenEngine } from '../core/orchestrator/engineApi';
import type { Logger } from '../core/ports';
import { ConductorConfigurationError, ConductorUnreachableError, conductorEngineOpener } from '../runtime/conductorOpener';
import { ConfigurationError, UsageError } from './cliCommand';

export const ENGINE_OPTIONS = {
  engine: { type: 'string' },
  'conductor-url': { type: 'string' },
} as const;

export const ENGINE_USAGE = `Engine options:
  --engine <name>        embedded (default: state in <folder>/.imperium/) or conductor (a
                         conductor-oss server holds the workflow; workers in this process run it).
  --conductor-url <url>  The Conductor server (default $IMPERIUM_CONDUCTOR_URL). A token, for a
                         server that asks for one, is read from $IMPERIUM_CONDUCTOR_TOKEN.`;

export type EngineChoice = { readonly kind: 'embedded' } | { readonly kind: 'conductor'; readonly url: string; readonly token?: string };

export interface EngineValues {
  readonly engine?: string;
  readonly 'conductor-url'?: string;
}

export function parseEngineChoice(values: EngineValues, env: NodeJS.ProcessEnv = process.env): EngineChoice {
  const engine = values.engine ?? (values['conductor-url'] !== undefined ? 'conductor' : 'embedded');
  if (engine === 'embedded') {
    if (values['conductor-url'] !== undefined) throw new UsageError('--conductor-url needs --engine conductor.');
    return { kind: 'embedded' };
  }
  if (engine !== 'conductor') throw new UsageError(`--engine must be "embedded" or "conductor", not "${engine}".`);
  const url = values['conductor-url'] ?? env.IMPERIUM_CONDUCTOR_URL;
  if (url === undefined || url.trim() === '') throw new UsageError('--engine conductor needs --conductor-url <url> (or $IMPERIUM_CONDUCTOR_URL).');
  const token = env.IMPERIUM_CONDUCTOR_TOKEN;
  return { kind: 'conductor', url: url.trim(), ...(token ? { token } : {}) };
}

export interface EngineOpenOptions {
  readonly folder: string;
  readonly logger: Logger;
  /** A worker-only process in a container sees the workspace at another path: it names the domain. */
  readonly domain?: string;
}

/** The engine opener for the choice: undefined for the embedded engine (the default). */
export function engineOpener(choice: EngineChoice, options: EngineOpenOptions): OpenEngine | undefined {
  if (choice.kind === 'embedded') return undefined;
  const open = conductorEngineOpener(choice, options);
  return async (parts) => {
    try {
      return await open(parts);
    } catch (error) {
      if (error instanceof ConductorUnreachableError || error instanceof ConductorConfigurationError) throw new ConfigurationError(error.message);
      throw error;
    }
  };
}
