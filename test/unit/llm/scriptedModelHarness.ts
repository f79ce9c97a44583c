// Shared set-up for the model tests: a scripted model server from a scenario file, and the real
// client pointed at it with fast retries and its events collected.
import { join } from 'node:path';
import type { EngineEventInput } from '../../../src/shared/events';
import { OpenAiCompatibleClient, type OpenAiCompatibleClientOptions } from '../../../src/llm/openAiCompatibleClient';
import { startScriptedModelServer, type ScriptedModelServer } from '../../../src/llm/scriptedServer/scriptedModelServer';
import type { ScenarioInput } from '../../../src/llm/scriptedServer/scenario';

export const SCENARIO_DIR = join(__dirname, '..', '..', 'fixtures', 'scenarios');

export function scenarioFile(name: string): string {
  return join(SCENARIO_DIR, name);
}

export interface Rig {
  readonly server: ScriptedModelServer;
  readonly client: OpenAiCompatibleClient;
  readonly events: EngineEventInput[];
}

/** Servers started by `rig`, closed by `closeRigs` (call it in afterEach). */
const open: ScriptedModelServer[] = [];

/** A server answering from `scenario` (a fixture file name, or an object) and a client for it. */
export async function rig(scenario: string | ScenarioInput, options: Partial<OpenAiCompatibleClientOptions> = {}): Promise<Rig> {
  const server = await startScriptedModelServer(typeof scenario === 'string' ? scenarioFile(scenario) : scenario);
  open.push(server);
  const events: EngineEventInput[] = [];
  const client = new OpenAiCompatibleClient({
    baseUrl: server.url,
    models: { default: 'scripted-model' },
    retry: { maxRetries: 3, baseDelayMs: 5, maxDelayMs: 2_000 },
    timeoutMs: 5_000,
    events: (event) => events.push(event),
    ...options,
  });
  return { server, client, events };
}

export async function closeRigs(): Promise<void> {
  await Promise.all(open.splice(0).map((server) => server.close()));
}

export function retryEvents(events: readonly EngineEventInput[]) {
  return events.flatMap((event) => (event.type === 'retry' ? [event] : []));
}

export function tokenEvents(events: readonly EngineEventInput[]) {
  return events.flatMap((event) => (event.type === 'tokens' ? [event] : []));
}
