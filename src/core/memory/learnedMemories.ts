// Long-term memory as a workflow uses it: this workspace's memories and the user's global ones, each
// a LongTermMemory over its own folder (the host opens them, and shows the same ones to the user),
// recalled together and promoted each to its own scope.
import type { Logger } from '../ports';
import type { LongTermMemory, RecallMode, RecallOptions, RecallResult } from './longTermMemory';
import { type MemoryDraft, memoryDraftSchema, type MemoryRecord, type MemoryScope, parseMemoryInput } from './memoryRecord';
import type { WorkflowEvidence } from './promotion';
import { fuseRanks } from './rankFusion';

/** The memories by scope: the workspace's (absent without an open folder) and the global ones. */
export interface MemoryScopes {
  readonly workspace?: LongTermMemory;
  readonly global: LongTermMemory;
}

export type LearnedRecallOptions = Pick<RecallOptions, 'limit' | 'kinds' | 'signal'>;

export class LearnedMemories {
  constructor(
    private readonly scopes: MemoryScopes,
    private readonly logger: Logger,
  ) {}

  /** Memories held in both scopes. */
  get size(): number {
    return this.opened().reduce((total, [, memory]) => total + memory.size, 0);
  }

  /**
   * The best matches of both scopes, their two rankings fused by rank as hybrid recall fuses its
   * own: scores from two indexes are not on one scale. On a tie the workspace's comes first.
   */
  async recall(query: string, options: LearnedRecallOptions = {}): Promise<RecallResult> {
    const results = await Promise.all(this.opened().map(async ([scope, memory]) => [scope, await memory.recall(query, options)] as const));
    const byId = new Map(results.flatMap(([, result]) => result.hits.map((hit) => [hit.record.id, hit] as const)));
    const fused = fuseRanks(Object.fromEntries(results.map(([scope, result]) => [scope, result.hits.map((hit) => hit.record.id)])));
    const modes = new Set<RecallMode>(results.map(([, result]) => result.mode));
    const notes = [...new Set(results.flatMap(([, result]) => (result.note === undefined ? [] : [result.note])))];
    return {
      mode: modes.size === 1 ? [...modes][0] : 'lexical',
      hits: fused.slice(0, options.limit ?? fused.length).flatMap((hit) => {
        const found = byId.get(hit.id);
        return found ? [found] : [];
      }),
      ...(notes.length > 0 && { note: notes.join('; ') }),
    };
  }

  /**
   * Keeps the workflow's lessons, each in its scope. A lesson its scope already holds (same kind and
   * title) is not kept twice, and a workspace lesson with no workspace open is left out, said in the
   * log. Throws PromotionRefusedError, keeping nothing, when the workflow's tests did not pass or
   * the Board did not approve.
   */
  async promote(evidence: WorkflowEvidence, drafts: readonly MemoryDraft[]): Promise<MemoryRecord[]> {
    const lessons = drafts.map((draft, index) => parseMemoryInput(memoryDraftSchema, draft, `Lesson ${index + 1} of workflow ${evidence.workflowId}`));
    const kept: MemoryRecord[] = [];
    for (const [scope, memory] of this.opened()) {
      const held = new Set(memory.list({ scope, limit: Number.POSITIVE_INFINITY }).items.map(lessonKey));
      // Even with nothing new to keep, promote checks the evidence: a refusal is a refusal.
      kept.push(...(await memory.promote(evidence, lessons.filter((lesson) => lesson.scope === scope && !held.has(lessonKey(lesson))))));
    }
    const homeless = lessons.filter((lesson) => lesson.scope === 'workspace').length;
    if (!this.scopes.workspace && homeless > 0) this.logger.info(`memory: ${homeless} lesson(s) of workflow ${evidence.workflowId} are about a workspace, and none is open; not kept`);
    return kept;
  }

  private opened(): [MemoryScope, LongTermMemory][] {
    return this.scopes.workspace ? [['workspace', this.scopes.workspace], ['global', this.scopes.global]] : [['global', this.scopes.global]];
  }
}

function lessonKey(lesson: Pick<MemoryRecord, 'kind' | 'title'>): string {
  return `${lesson.kind}\u0000${lesson.title.toLowerCase()}`;
}
