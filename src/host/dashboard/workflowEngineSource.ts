// The views' source in the editor: the embedded engine over the store in the extension's storage
// folder, opened when a view first asks for it (not at activation) and closed with the extension.
// No step handlers are registered yet, so it shows the workflows the store holds (and replays their
// events log) and controls them, but starts none.
import { EmbeddedEngine } from '../../core/orchestrator/embeddedEngine';
import { StepHandlers } from '../../core/orchestrator/stepHandler';
import { SystemClock } from '../../core/orchestrator/systemClock';
import type { Logger } from '../../core/ports';
import { JsonStore } from '../../infra/store/jsonStore';
import type { EngineEvent } from '../../shared/events';
import type { DashboardSource } from './dashboardSource';
import { EngineDashboardSource } from './engineDashboardSource';

interface OpenEngine {
  readonly store: JsonStore;
  readonly engine: EmbeddedEngine;
  readonly source: EngineDashboardSource;
}

export class WorkflowEngineSource {
  private opening: Promise<OpenEngine> | undefined;

  constructor(
    /** The extension's workspace storage folder (global storage with no folder open). */
    private readonly folder: string,
    private readonly logger: Logger,
  ) {}

  /** The same source on every call. A failure (the store held by another window) is tried again on the next call. */
  readonly source = async (): Promise<DashboardSource> => {
    this.opening ??= this.openEngine().catch((error: unknown) => {
      this.opening = undefined;
      throw error;
    });
    return (await this.opening).source;
  };

  dispose(): void {
    void this.opening?.then(
      async ({ store, engine, source }) => {
        source.dispose();
        await engine.close();
        await store.close();
      },
      () => undefined,
    );
  }

  private async openEngine(): Promise<OpenEngine> {
    const store = await JsonStore.open({ folder: this.folder, logger: this.logger });
    try {
      const engine = await EmbeddedEngine.open({ store, handlers: new StepHandlers(), clock: new SystemClock(), logger: this.logger });
      const source = await EngineDashboardSource.open({ engine, logger: this.logger, pastEvents: () => store.log<EngineEvent>('events').readAll() });
      return { store, engine, source };
    } catch (error) {
      await store.close();
      throw error;
    }
  }
}
