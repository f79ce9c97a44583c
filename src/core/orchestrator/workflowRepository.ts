// Where workflows live in the Store: a document per workflow (`workflow-<id>`, its whole state, the
// truth) and an index document (`workflows`: the next id number and a summary of each workflow,
// so lists need not open every workflow).
import type { Clock, DurableDocument, Store } from '../ports';
import type { WorkflowDefinition } from './workflowDefinition';
import { type JsonObject, summarizeWorkflow, type WorkflowState, type WorkflowSummary } from './workflowState';

interface WorkflowIndex {
  nextNumber: number;
  workflows: Record<string, WorkflowSummary>;
}

const documentName = (id: string) => `workflow-${id}`;

/** The summaries in an index read without opening the store (see DocumentFile.peek), oldest first. */
export function summariesOfIndex(index: unknown): WorkflowSummary[] {
  const workflows = (index as Partial<WorkflowIndex> | null)?.workflows;
  return workflows && typeof workflows === 'object' ? Object.values(workflows).sort((a, b) => a.createdAt - b.createdAt) : [];
}

export class WorkflowRepository {
  private constructor(
    private readonly store: Store,
    private readonly index: DurableDocument<WorkflowIndex>,
    private readonly clock: Clock,
  ) {}

  static async open(store: Store, clock: Clock): Promise<WorkflowRepository> {
    const index = await store.document<WorkflowIndex>('workflows', () => ({ nextNumber: 1, workflows: {} }));
    return new WorkflowRepository(store, index, clock);
  }

  /** Oldest first. */
  summaries(): WorkflowSummary[] {
    return Object.values(this.index.data.workflows).sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id, 'en', { numeric: true }));
  }

  /** Creates a RUNNING workflow and puts it on disk before returning it. */
  async create(definition: WorkflowDefinition, input: JsonObject): Promise<WorkflowRecord> {
    const now = this.clock.now();
    for (;;) {
      const id = `wf-${this.index.data.nextNumber}`;
      this.index.update((index) => void index.nextNumber++);
      const state: WorkflowState = { id, definition, input, status: 'RUNNING', createdAt: now, updatedAt: now, stepIndex: 0, outputs: {}, jumps: {}, tasks: [] };
      const document = await this.store.document<WorkflowState>(documentName(id), () => state);
      // A crash after a workflow's document was written but before the index was leaves the
      // number looking free; that workflow is kept and adopted, and the next number tried.
      if (document.data !== state) {
        this.index.update((index) => void (index.workflows[id] = summarizeWorkflow(document.data)));
        continue;
      }
      const record = new WorkflowRecord(document, this.index, this.clock);
      record.update(() => undefined);
      await record.flush();
      return record;
    }
  }

  /** The workflow's record, or undefined when no workflow has that id. */
  async load(id: string): Promise<WorkflowRecord | undefined> {
    if (!this.index.data.workflows[id]) return undefined;
    const document = await this.store.document<WorkflowState>(documentName(id), () => {
      throw new Error(`The state of workflow ${id} is missing from the store (no ${documentName(id)}.json, no backup).`);
    });
    const record = new WorkflowRecord(document, this.index, this.clock);
    // The index is written apart from the workflow, so after a crash it may lag behind it.
    record.refreshSummary();
    return record;
  }

  /** Marks a listed workflow whose state is lost as FAILED, so it is not tried again. */
  markLost(id: string, reason: string): void {
    this.index.update((index) => {
      const summary = index.workflows[id];
      if (summary) index.workflows[id] = { ...summary, status: 'FAILED', reason, updatedAt: this.clock.now() };
    });
  }
}

/** One workflow's state, changed only through update() so its summary in the index follows. */
export class WorkflowRecord {
  constructor(
    private readonly document: DurableDocument<WorkflowState>,
    private readonly index: DurableDocument<WorkflowIndex>,
    private readonly clock: Clock,
  ) {}

  get state(): WorkflowState {
    return this.document.data;
  }

  get id(): string {
    return this.document.data.id;
  }

  /** Changes the state and schedules its write (debounced). */
  update(mutate: (state: WorkflowState) => void): void {
    this.document.update((state) => {
      mutate(state);
      state.updatedAt = this.clock.now();
    });
    this.refreshSummary();
  }

  /** Puts the state and the index on disk. */
  async flush(): Promise<void> {
    await Promise.all([this.document.flush(), this.index.flush()]);
  }

  refreshSummary(): void {
    const summary = summarizeWorkflow(this.document.data);
    const listed = this.index.data.workflows[summary.id];
    if (listed && listed.status === summary.status && listed.step === summary.step && listed.updatedAt === summary.updatedAt) return;
    this.index.update((index) => void (index.workflows[summary.id] = summary));
  }
}
