// What the Conductor suites share: a workspace folder with its store, an engine on the suite's
// server in that workspace's domain, and small workflows whose handlers record what they did.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StepHandlers } from '../../../src/core/orchestrator/stepHandler';
import { SystemClock } from '../../../src/core/orchestrator/systemClock';
import type { Logger } from '../../../src/core/ports';
import { connectConductor } from '../../../src/infra/conductor/conductorConnection';
import { ConductorEngine, type ConductorEngineOptions } from '../../../src/infra/conductor/conductorEngine';
import { workspaceDomain } from '../../../src/infra/conductor/workspaceDomain';
import { JsonStore } from '../../../src/infra/store/jsonStore';
import type { EngineEvent } from '../../../src/shared/events';

export const quietLogger: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: (message) => console.error(message) };

export interface OpenedEngine {
  readonly engine: ConductorEngine;
  readonly store: JsonStore;
  readonly events: EngineEvent[];
  close(): Promise<void>;
}

export interface EngineSetup {
  readonly url: string;
  readonly folder: string;
  readonly handlers: StepHandlers;
  readonly definitions?: readonly unknown[];
  readonly options?: Partial<ConductorEngineOptions>;
  readonly fetch?: typeof fetch;
  /** A store the caller opened (and closes) on the folder; by default the engine's own. */
  readonly store?: JsonStore;
}

export function tempFolder(prefix: string): { readonly path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export async function openEngine(setup: EngineSetup): Promise<OpenedEngine> {
  const store = setup.store ?? (await JsonStore.open({ folder: join(setup.folder, '.imperium'), logger: quietLogger }));
  const connection = await connectConductor({ url: setup.url, logger: quietLogger, ...(setup.fetch && { fetch: setup.fetch }) });
  const engine = await ConductorEngine.open({
    connection,
    store,
    handlers: setup.handlers,
    clock: new SystemClock(),
    logger: quietLogger,
    domain: workspaceDomain(setup.folder),
    responseTimeoutSeconds: 3,
    pollIntervalMs: 20,
    ...(setup.definitions && { definitions: setup.definitions }),
    ...setup.options,
  });
  const events: EngineEvent[] = [];
  const unsubscribe = engine.subscribe((event) => events.push(event));
  return {
    engine,
    store,
    events,
    async close() {
      unsubscribe();
      await engine.close();
      if (!setup.store) await store.close();
    },
  };
}

export function handlers(entries: Record<string, Parameters<StepHandlers['register']>[1]>): StepHandlers {
  const registry = new StepHandlers();
  for (const [name, handler] of Object.entries(entries)) registry.register(name, handler);
  return registry;
}

/** A unique definition name per test, so a test's metadata never meets another's on the shared server. */
export function uniqueName(base: string): string {
  return `${base}${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
}

/** The workflow as Conductor's own REST API has it. */
export async function serverWorkflow(url: string, id: string): Promise<{ status: string; tasks: { referenceTaskName: string; taskType: string; status: string; retryCount: number; inputData?: Record<string, unknown>; outputData?: Record<string, unknown>; domain?: string; workerId?: string; taskId: string }[]; taskToDomain?: Record<string, string> }> {
  const response = await fetch(`${url}/api/workflow/${id}?includeTasks=true`);
  if (!response.ok) throw new Error(`GET /api/workflow/${id} answered ${response.status}`);
  return (await response.json()) as never;
}
