// Long-term memory: learned patterns in two scopes (this workspace, and global across projects),
// promoted only from workflows that passed their tests and won the Board's approval, kept with their
// provenance, recalled by lexical (BM25+), semantic (embeddings) or hybrid ranking, and open to the
// user to list, read, edit and delete. This is the API the host's command and view call.
import { randomUUID } from 'node:crypto';
import type { Clock, Logger } from '../ports';
import { LexicalIndex } from './lexicalIndex';
import type { MemoryFolder } from './memoryFolder';
import {
  type MemoryDraft,
  memoryDraftSchema,
  type MemoryEdit,
  memoryEditSchema,
  MemoryInputError,
  type MemoryKind,
  type MemoryRecord,
  type MemoryScope,
  parseMemoryInput,
  searchableText,
} from './memoryRecord';
import { MemoryShards, type RecordChange } from './memoryShards';
import { provenanceOf, type WorkflowEvidence } from './promotion';
import { fuseRanks } from './rankFusion';
import { SemanticIndex } from './semanticIndex';
import { decodeVector, encodeVector } from './vectorCodec';

/** Embeddings from the configured endpoint (ModelClient.embed), named by their vector space. */
export interface Embedder {
  /** The embedding model's name: vectors from another model are not compared, but re-made. */
  readonly space: string;
  embed(texts: readonly string[], signal?: AbortSignal): Promise<number[][]>;
}

export interface LongTermMemoryOptions {
  /** The folder of each scope in use; without a workspace open there is only the global one. */
  readonly folders: Readonly<Partial<Record<MemoryScope, MemoryFolder>>>;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Absent when the endpoint has no embeddings: recall is then lexical only. */
  readonly embedder?: Embedder;
  /** How long changes wait to be committed together. Default 100 ms. */
  readonly debounceMs?: number;
  /** How long a commit waits for another window to release the files. Default 10 s. */
  readonly lockWaitMs?: number;
  /** Recall looks for other windows' changes at most this often. Default 2 s. */
  readonly refreshMs?: number;
}

export type RecallMode = 'hybrid' | 'lexical' | 'semantic';

export interface RecallOptions {
  /** Default 5, at most 50. */
  readonly limit?: number;
  readonly scopes?: readonly MemoryScope[];
  readonly kinds?: readonly MemoryKind[];
  /** Default: hybrid when there is an embedder, else lexical. */
  readonly mode?: RecallMode;
  readonly signal?: AbortSignal;
}

export interface RecallHit {
  readonly record: MemoryRecord;
  /** The fused score (hybrid), the BM25+ score (lexical) or the cosine similarity (semantic). */
  readonly score: number;
  readonly lexicalRank?: number;
  readonly semanticRank?: number;
}

export interface RecallResult {
  /** How the hits were ranked; lexical when semantic ranking was asked for but could not run. */
  readonly mode: RecallMode;
  readonly hits: readonly RecallHit[];
  /** Why the mode is not the one asked for. */
  readonly note?: string;
}

export interface MemoryListFilter {
  readonly scope?: MemoryScope;
  readonly kind?: MemoryKind;
  readonly offset?: number;
  /** Default 100. */
  readonly limit?: number;
}

export interface MemoryPage {
  readonly total: number;
  readonly items: readonly MemoryRecord[];
}

const DEFAULT_RECALL_LIMIT = 5;
const MAX_RECALL_LIMIT = 50;
/** Each ranking offers this many candidates per hit wanted to the fusion. */
const CANDIDATES_PER_HIT = 4;
const MIN_CANDIDATES = 40;
const EMBED_BATCH = 64;
const DEFAULT_REFRESH_MS = 2_000;

export class LongTermMemory {
  private readonly lexical = new LexicalIndex();
  private readonly semantic = new SemanticIndex();
  /**
   * The recall indexes are built at the first recall, not at open: the host opens the memory when
   * the extension starts, and a large memory's indexing should not hold that up.
   */
  private indexed = false;
  private readonly scopes = new Map<MemoryScope, MemoryShards>();
  private lastRefresh: number;

  private constructor(private readonly options: LongTermMemoryOptions) {
    this.lastRefresh = options.clock.now();
  }

  /** Loads every scope given a folder. */
  static async open(options: LongTermMemoryOptions): Promise<LongTermMemory> {
    const memory = new LongTermMemory(options);
    for (const [scope, folder] of Object.entries(options.folders) as [MemoryScope, MemoryFolder | undefined][]) {
      if (!folder) continue;
      const shards = await MemoryShards.open({
        folder,
        clock: options.clock,
        logger: options.logger,
        debounceMs: options.debounceMs,
        lockWaitMs: options.lockWaitMs,
        onChange: (changes) => memory.index(changes),
      });
      memory.scopes.set(scope, shards);
    }
    return memory;
  }

  get size(): number {
    return [...this.scopes.values()].reduce((total, shards) => total + shards.size, 0);
  }

  /** Memories, most recently changed first. */
  list(filter: MemoryListFilter = {}): MemoryPage {
    const offset = Math.max(0, Math.floor(filter.offset ?? 0));
    const limit = Math.max(0, Math.floor(filter.limit ?? 100));
    const matching: MemoryRecord[] = [];
    for (const [scope, shards] of this.scopes) {
      if (filter.scope && filter.scope !== scope) continue;
      for (const record of shards.values()) if (!filter.kind || record.kind === filter.kind) matching.push(record);
    }
    matching.sort((a, b) => b.updatedAt - a.updatedAt || a.id.localeCompare(b.id));
    return { total: matching.length, items: matching.slice(offset, offset + limit) };
  }

  get(id: string): MemoryRecord | undefined {
    for (const shards of this.scopes.values()) {
      const record = shards.get(id);
      if (record) return record;
    }
    return undefined;
  }

  /**
   * Keeps the workflow's lessons. Throws PromotionRefusedError when its tests did not pass or the
   * Board did not approve, and MemoryInputError for a draft that does not check; nothing is kept then.
   */
  async promote(evidence: WorkflowEvidence, drafts: readonly MemoryDraft[]): Promise<MemoryRecord[]> {
    const now = this.options.clock.now();
    const provenance = provenanceOf(evidence, now);
    const checked = drafts.map((draft, index) => parseMemoryInput(memoryDraftSchema, draft, `Memory ${index + 1} of workflow ${evidence.workflowId}`));
    for (const draft of checked) this.shardsOf(draft.scope);
    const records = checked.map<MemoryRecord>((draft) => ({ id: `mem-${randomUUID()}`, ...draft, provenance, createdAt: now, updatedAt: now }));
    const embedded = await this.withEmbeddings(records);
    await Promise.all(embedded.map((record) => this.shardsOf(record.scope).put(record)));
    return embedded;
  }

  /** Changes a memory as the user asks; a new scope moves it to that scope's folder. */
  async edit(id: string, edit: MemoryEdit): Promise<MemoryRecord> {
    const checked = parseMemoryInput(memoryEditSchema, edit, `The edit of memory ${id}`);
    const current = this.get(id);
    if (!current) throw new MemoryInputError(`There is no memory ${id}; it may have been deleted in another window.`);
    const changed: MemoryRecord = {
      ...current,
      ...Object.fromEntries(Object.entries(checked).filter(([, value]) => value !== undefined)),
      updatedAt: this.options.clock.now(),
      editedByUser: true,
    };
    const textChanged = searchableText(changed) !== searchableText(current);
    const { embedding: _old, ...withoutEmbedding } = changed;
    const [next] = textChanged ? await this.withEmbeddings([withoutEmbedding]) : [changed];
    const target = this.shardsOf(next.scope);
    // Written to its new place before it leaves the old: a crash in between leaves a copy, not a loss.
    await target.put(next);
    if (current.scope !== next.scope) await this.shardsOf(current.scope).remove(id);
    return next;
  }

  /** Resolves with whether there was such a memory. */
  async delete(id: string): Promise<boolean> {
    const record = this.get(id);
    if (!record) return false;
    return this.shardsOf(record.scope).remove(id);
  }

  /** The memories that best match the query. */
  async recall(query: string, options: RecallOptions = {}): Promise<RecallResult> {
    if (query.trim() === '') throw new MemoryInputError('A recall needs a query: the words to look for.');
    const limit = Math.min(Math.max(1, Math.floor(options.limit ?? DEFAULT_RECALL_LIMIT)), MAX_RECALL_LIMIT);
    await this.refreshWhenDue();
    this.buildIndexes();
    const accept = this.filterOf(options);
    const wanted = options.mode ?? (this.options.embedder ? 'hybrid' : 'lexical');
    const lexical = (note?: string): RecallResult => ({
      mode: 'lexical',
      ...(note !== undefined && { note }),
      hits: this.hits(this.lexical.rank(query, limit, accept).map((hit, index) => ({ id: hit.id, score: hit.score, lexicalRank: index + 1 }))),
    });
    if (wanted === 'lexical') return lexical();

    const queryVector = await this.embedQuery(query, options.signal);
    if (typeof queryVector === 'string') return lexical(queryVector);
    if (wanted === 'semantic') {
      return { mode: 'semantic', hits: this.hits(this.semantic.rank(queryVector, limit, accept).map((hit, index) => ({ id: hit.id, score: hit.similarity, semanticRank: index + 1 }))) };
    }
    const candidates = Math.max(limit * CANDIDATES_PER_HIT, MIN_CANDIDATES);
    const fused = fuseRanks({
      lexical: this.lexical.rank(query, candidates, accept).map((hit) => hit.id),
      semantic: this.semantic.rank(queryVector, candidates, accept).map((hit) => hit.id),
    }).slice(0, limit);
    return {
      mode: 'hybrid',
      hits: this.hits(fused.map((hit) => ({ id: hit.id, score: hit.score, lexicalRank: hit.ranks.lexical, semanticRank: hit.ranks.semantic }))),
    };
  }

  /**
   * Embeds the memories that have no vector in the current embedder's space (kept before embeddings
   * were configured, or under another model); resolves with how many it embedded.
   */
  async embedMissing(signal?: AbortSignal): Promise<number> {
    const { embedder } = this.options;
    if (!embedder) return 0;
    const missing = [...this.scopes.values()].flatMap((shards) => [...shards.values()].filter((record) => record.embedding?.space !== embedder.space));
    let embedded = 0;
    for (let start = 0; start < missing.length; start += EMBED_BATCH) {
      signal?.throwIfAborted();
      const batch = missing.slice(start, start + EMBED_BATCH);
      const vectors = await embedder.embed(batch.map(searchableText), signal);
      checkVectors(vectors, batch.length);
      await Promise.all(batch.map((record, index) => this.shardsOf(record.scope).put({ ...record, embedding: { space: embedder.space, vector: encodeVector(vectors[index]) } })));
      embedded += batch.length;
    }
    return embedded;
  }

  /** Takes in what other windows committed. */
  async refresh(): Promise<void> {
    this.lastRefresh = this.options.clock.now();
    await Promise.all([...this.scopes.values()].map((shards) => shards.refresh()));
  }

  async flush(): Promise<void> {
    await Promise.all([...this.scopes.values()].map((shards) => shards.flush()));
  }

  async close(): Promise<void> {
    await Promise.all([...this.scopes.values()].map((shards) => shards.close()));
  }

  /** Indexes every memory, once; from then on each change is indexed as it comes. */
  private buildIndexes(): void {
    if (this.indexed) return;
    this.indexed = true;
    for (const shards of this.scopes.values()) this.index([...shards.values()].map((record) => ({ id: record.id, after: record })));
  }

  private index(changes: readonly RecordChange[]): void {
    if (!this.indexed) return;
    const space = this.options.embedder?.space;
    for (const { id, after } of changes) {
      if (!after) {
        // Moved to the other scope (written there first): it stays indexed as it is there.
        if (this.get(id)) continue;
        this.lexical.delete(id);
        this.semantic.delete(id);
        continue;
      }
      this.lexical.set(after);
      const vector = after.embedding && after.embedding.space === space ? decodeVector(after.embedding.vector) : undefined;
      if (vector) this.semantic.set(id, vector);
      else this.semantic.delete(id);
    }
  }

  private hits(ranked: readonly { id: string; score: number; lexicalRank?: number; semanticRank?: number }[]): RecallHit[] {
    return ranked.flatMap((hit) => {
      const record = this.get(hit.id);
      return record ? [{ ...hit, record }] : [];
    });
  }

  private filterOf(options: RecallOptions): ((id: string) => boolean) | undefined {
    const { scopes, kinds } = options;
    if (!scopes && !kinds) return undefined;
    return (id) => {
      const record = this.get(id);
      return record !== undefined && (!scopes || scopes.includes(record.scope)) && (!kinds || kinds.includes(record.kind));
    };
  }

  /** The query's vector, or why there is none (said in the result, which falls back to lexical). */
  private async embedQuery(query: string, signal: AbortSignal | undefined): Promise<number[] | string> {
    const { embedder } = this.options;
    if (!embedder) return 'no embedding model is configured, so the ranking is lexical only';
    try {
      const vectors = await embedder.embed([query], signal);
      checkVectors(vectors, 1);
      return vectors[0];
    } catch (error) {
      signal?.throwIfAborted();
      const reason = error instanceof Error ? error.message : String(error);
      this.options.logger.warn(`memory: embedding the recall query failed (${reason}); ranking lexically`);
      return `embedding the query failed (${reason}), so the ranking is lexical only`;
    }
  }

  /** The records with their embeddings; when embedding fails they are kept without (embedMissing adds them later). */
  private async withEmbeddings(records: readonly MemoryRecord[]): Promise<MemoryRecord[]> {
    const { embedder } = this.options;
    if (!embedder || records.length === 0) return [...records];
    try {
      const vectors = await embedder.embed(records.map(searchableText));
      checkVectors(vectors, records.length);
      return records.map((record, index) => ({ ...record, embedding: { space: embedder.space, vector: encodeVector(vectors[index]) } }));
    } catch (error) {
      this.options.logger.warn(`memory: embedding ${records.length} memory(ies) failed (${error instanceof Error ? error.message : String(error)}); kept without, to be embedded later`);
      return [...records];
    }
  }

  private async refreshWhenDue(): Promise<void> {
    if (this.options.clock.now() - this.lastRefresh < (this.options.refreshMs ?? DEFAULT_REFRESH_MS)) return;
    try {
      await this.refresh();
    } catch (error) {
      this.options.logger.warn(`memory: could not look for other windows' changes (${error instanceof Error ? error.message : String(error)}); recalling from what is loaded`);
    }
  }

  private shardsOf(scope: MemoryScope): MemoryShards {
    const shards = this.scopes.get(scope);
    if (!shards) throw new MemoryInputError(scope === 'workspace' ? 'There is no workspace memory: no folder is open.' : 'There is no global memory folder.');
    return shards;
  }
}

function checkVectors(vectors: readonly number[][], expected: number): void {
  if (vectors.length !== expected || vectors.some((vector) => !Array.isArray(vector) || vector.length === 0 || !vector.every(Number.isFinite))) {
    throw new Error(`the embedder returned ${vectors.length} usable vector(s) for ${expected} text(s)`);
  }
}
