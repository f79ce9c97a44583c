// One folder of memories (one scope) on disk: shard documents of at most SHARD_CAPACITY records,
// filled in order (new memories go to the newest shard, a full one starts the next), and a small
// manifest naming the shards and counting each one's commits. A change rewrites only the shards it
// touches: a new memory, the newest one; an edit or a deletion, the one holding it. Never the whole
// store. Each commit holds the files it touches only while it runs (read fresh, apply, write
// atomically, release), so two processes can write one folder without losing each other's changes;
// refresh() takes in what another process committed. Changes apply in memory at once and are
// committed debounced, in batches.
import type { Clock, DurableDocument, Logger } from '../ports';
import { type ClosableStore, MemoryBusyError, type MemoryFolder } from './memoryFolder';
import { MEMORY_KINDS, MEMORY_SCOPES, type MemoryRecord } from './memoryRecord';

export interface MemoryShardsOptions {
  readonly folder: MemoryFolder;
  readonly clock: Clock;
  readonly logger: Logger;
  /** How long changes wait to be committed together. Default 100 ms. */
  readonly debounceMs?: number;
  /** How long a commit waits for another process to release the files. Default 10 s. */
  readonly lockWaitMs?: number;
  /** Hears of every record that appeared, changed or went away, whoever changed it. */
  readonly onChange?: (changes: readonly RecordChange[]) => void;
}

export interface RecordChange {
  readonly id: string;
  readonly before?: MemoryRecord;
  readonly after?: MemoryRecord;
}

interface Manifest {
  readonly format: 1;
  /** The number the next new shard gets. */
  next: number;
  /** Commits per shard, by shard number: another process's commit shows as a higher count. */
  versions: Record<string, number>;
}

interface ShardData {
  records: Record<string, MemoryRecord>;
}

/** Records per shard: what one write re-serialises at most (about a megabyte with vectors). */
export const SHARD_CAPACITY = 1_000;
const MANIFEST = 'memory-manifest';
const DEFAULT_DEBOUNCE_MS = 100;
const DEFAULT_LOCK_WAIT_MS = 10_000;
const FIRST_LOCK_RETRY_MS = 5;
const LAST_LOCK_RETRY_MS = 50;

const shardName = (shard: number) => `memory-shard-${String(shard).padStart(6, '0')}`;

interface Waiter {
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
}

/** What a commit or a refresh read from disk, to take in after the Store is closed. */
interface Fresh {
  readonly versions: Record<string, number>;
  readonly shards: readonly (readonly [number, ShardData])[];
}

export class MemoryShards {
  private readonly records = new Map<string, MemoryRecord>();
  /** The shard each committed record lives in. */
  private readonly location = new Map<string, number>();
  private readonly members = new Map<number, Set<string>>();
  private versions: Record<string, number> = {};
  /** Changes not yet committed: the record to keep, or null to delete it. */
  private pending = new Map<string, MemoryRecord | null>();
  private waiters: Waiter[] = [];
  private timer: NodeJS.Timeout | undefined;
  /** Commits and refreshes run one at a time: this process must not lock against itself. */
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  private constructor(private readonly options: MemoryShardsOptions) {}

  /** Reads every shard; damaged files are restored by the Store, which tells its issue listener. */
  static async open(options: MemoryShardsOptions): Promise<MemoryShards> {
    const memory = new MemoryShards(options);
    const fresh = await memory.transaction(async (store) => {
      const manifest = await openManifest(store);
      const shards: [number, ShardData][] = [];
      for (const shard of Object.keys(manifest.data.versions).map(Number)) shards.push([shard, (await openShard(store, shard)).data]);
      // A manifest restored from an older copy may not list the newest shards; their numbers follow on.
      for (let shard = manifest.data.next; ; shard++) {
        const found = await openShardIfPresent(store, shard);
        if (!found) break;
        shards.push([shard, found.data]);
      }
      return { versions: { ...manifest.data.versions }, shards };
    });
    memory.adopt(fresh);
    return memory;
  }

  get size(): number {
    return this.records.size;
  }

  get(id: string): MemoryRecord | undefined {
    return this.records.get(id);
  }

  values(): IterableIterator<MemoryRecord> {
    return this.records.values();
  }

  /** Keeps the record (new or changed) at once; resolves when it is on disk. */
  put(record: MemoryRecord): Promise<void> {
    return this.change(record.id, record);
  }

  /** Deletes the record at once; resolves with whether it existed, once the deletion is on disk. */
  async remove(id: string): Promise<boolean> {
    if (!this.records.has(id)) return false;
    await this.change(id, null);
    return true;
  }

  /** Commits every queued change now. */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    // A commit in flight may fail and queue its changes again, so the queue is looked at after it.
    await this.serialized(() => Promise.resolve());
    if (this.pending.size > 0) await this.commit();
  }

  /** Takes in what other processes committed since this one last looked; resolves with the shards reloaded. */
  refresh(): Promise<number> {
    this.checkOpen();
    return this.serialized(async () => {
      const fresh = await this.transaction(async (store) => {
        const manifest = await openManifest(store);
        const shards: [number, ShardData][] = [];
        for (const [key, version] of Object.entries(manifest.data.versions)) {
          if (this.versions[key] !== version) shards.push([Number(key), (await openShard(store, Number(key))).data]);
        }
        return { versions: { ...manifest.data.versions }, shards };
      });
      this.adopt(fresh);
      return fresh.shards.length;
    });
  }

  /** Commits what is queued; later changes are refused. */
  async close(): Promise<void> {
    if (this.closed) return;
    await this.flush();
    this.closed = true;
  }

  private change(id: string, record: MemoryRecord | null): Promise<void> {
    this.checkOpen();
    const before = this.records.get(id);
    if (record) this.records.set(id, record);
    else this.records.delete(id);
    this.pending.set(id, record);
    this.options.onChange?.([{ id, ...(before && { before }), ...(record && { after: record }) }]);
    const committed = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      // A failed commit rejects the changes' own promises; the changes stay queued for the next one.
      this.commit().catch(() => undefined);
    }, this.options.debounceMs ?? DEFAULT_DEBOUNCE_MS);
    return committed;
  }

  private commit(): Promise<void> {
    return this.serialized(async () => {
      const batch = this.pending;
      const waiters = this.waiters;
      if (batch.size === 0) return;
      this.pending = new Map();
      this.waiters = [];
      try {
        const { fresh, placed } = await this.transaction((store) => this.write(store, batch));
        for (const [id, shard] of placed) this.place(id, shard);
        for (const [id, record] of batch) if (record === null) this.unplace(id);
        this.adopt(fresh);
        waiters.forEach((waiter) => waiter.resolve());
      } catch (error) {
        // Queued again under whatever came in meanwhile, which is newer.
        this.pending = new Map([...batch, ...this.pending]);
        const failure = error instanceof Error ? error : new Error(String(error));
        this.options.logger.error(`memory: could not commit ${batch.size} change(s): ${failure.message}; they stay queued and the next commit tries again`);
        waiters.forEach((waiter) => waiter.reject(failure));
        throw failure;
      }
    });
  }

  /** One commit inside a transaction: every file is opened (locked) first, then changed. */
  private async write(store: ClosableStore, batch: ReadonlyMap<string, MemoryRecord | null>): Promise<{ fresh: Fresh; placed: Map<string, number> }> {
    const manifest = await openManifest(store);
    const byShard = new Map<number, Map<string, MemoryRecord | null>>();
    const newcomers: MemoryRecord[] = [];
    for (const [id, record] of batch) {
      const shard = this.location.get(id);
      if (shard !== undefined) mapOf(byShard, shard).set(id, record);
      else if (record) newcomers.push(record);
      // A record deleted before it was ever committed leaves nothing to do.
    }
    const documents = new Map<number, DurableDocument<ShardData>>();
    for (const shard of [...byShard.keys()].sort((a, b) => a - b)) documents.set(shard, await openShard(store, shard));

    // New records fill the newest shard, then as many new ones as they need.
    const placed = new Map<string, number>();
    // Shards found beyond what a manifest restored from an older copy lists are not reused as new.
    let next = Math.max(manifest.data.next, ...[...this.members.keys()].map((shard) => shard + 1));
    let target = next - 1;
    let room = 0;
    if (newcomers.length > 0 && target >= 0) {
      const newest = documents.get(target) ?? (await openShard(store, target));
      documents.set(target, newest);
      room = SHARD_CAPACITY - Object.keys(newest.data.records).length;
    }
    for (const record of newcomers) {
      if (room <= 0) {
        target = next++;
        documents.set(target, await openShard(store, target));
        room = SHARD_CAPACITY;
      }
      mapOf(byShard, target).set(record.id, record);
      placed.set(record.id, target);
      room--;
    }

    // Shards another process committed to since this one read them are taken in whole afterwards.
    const changedElsewhere = [...documents.keys()].filter((shard) => manifest.data.versions[shard] !== this.versions[shard]);
    for (const [shard, ops] of byShard) {
      documents.get(shard)?.update((data) => {
        for (const [id, record] of ops) {
          if (record) data.records[id] = record;
          else delete data.records[id];
        }
      });
    }
    manifest.update((data) => {
      data.next = next;
      for (const shard of byShard.keys()) data.versions[shard] = (data.versions[shard] ?? 0) + 1;
    });
    const versions = Object.fromEntries([...documents.keys()].map((shard) => [String(shard), manifest.data.versions[shard] ?? 0]));
    const shards = changedElsewhere.map((shard) => [shard, documents.get(shard)?.data ?? { records: {} }] as const);
    return { fresh: { versions, shards }, placed };
  }

  /** Takes in shards as they are on disk, keeping the changes still queued here on top. */
  private adopt(fresh: Fresh): void {
    this.versions = { ...this.versions, ...fresh.versions };
    const changes: RecordChange[] = [];
    for (const [shard, data] of fresh.shards) {
      const onDisk = this.recordsOf(data);
      for (const id of [...(this.members.get(shard) ?? [])]) {
        if (onDisk.has(id) || this.pending.has(id)) continue;
        const before = this.records.get(id);
        this.unplace(id);
        this.records.delete(id);
        if (before) changes.push({ id, before });
      }
      for (const [id, after] of onDisk) {
        this.place(id, shard);
        if (this.pending.has(id)) continue;
        const before = this.records.get(id);
        if (before && JSON.stringify(before) === JSON.stringify(after)) continue;
        this.records.set(id, after);
        changes.push({ id, ...(before && { before }), after });
      }
    }
    if (changes.length > 0) this.options.onChange?.(changes);
  }

  private place(id: string, shard: number): void {
    const current = this.location.get(id);
    if (current === shard) return;
    if (current !== undefined) this.members.get(current)?.delete(id);
    this.location.set(id, shard);
    let members = this.members.get(shard);
    if (!members) this.members.set(shard, (members = new Set()));
    members.add(id);
  }

  private unplace(id: string): void {
    const shard = this.location.get(id);
    if (shard === undefined) return;
    this.location.delete(id);
    this.members.get(shard)?.delete(id);
  }

  /** The shard's records, skipping (and logging) any that a hand edit or an older version left malformed. */
  private recordsOf(data: ShardData): Map<string, MemoryRecord> {
    const records = new Map<string, MemoryRecord>();
    for (const [id, record] of Object.entries(data.records ?? {})) {
      if (isMemoryRecord(record) && record.id === id) records.set(id, record);
      else this.options.logger.warn(`memory: skipped the stored memory "${id}", which is not a valid memory record`);
    }
    return records;
  }

  /** Runs `work` on a freshly opened Store and closes it, waiting while another process holds a file. */
  private async transaction<T>(work: (store: ClosableStore) => Promise<T>): Promise<T> {
    const { clock, folder } = this.options;
    const deadline = clock.now() + (this.options.lockWaitMs ?? DEFAULT_LOCK_WAIT_MS);
    for (let delay = FIRST_LOCK_RETRY_MS; ; delay = Math.min(delay * 2, LAST_LOCK_RETRY_MS)) {
      const store = await folder.open();
      let result: T;
      try {
        result = await work(store);
      } catch (error) {
        // Nothing changed before the failure (every file is opened first), so closing writes nothing.
        await store.close();
        if (!folder.isHeldElsewhere(error)) throw error;
        if (clock.now() >= deadline) throw new MemoryBusyError(`The memory is busy: ${(error as Error).message}`);
        // Jitter keeps two waiting processes from retrying in lockstep.
        await clock.sleep(delay + Math.floor(Math.random() * delay));
        continue;
      }
      await store.close();
      return result;
    }
  }

  private serialized<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private checkOpen(): void {
    if (this.closed) throw new Error('The memory is closed.');
  }
}

async function openManifest(store: ClosableStore): Promise<DurableDocument<Manifest>> {
  const manifest = await store.document<Manifest>(MANIFEST, () => ({ format: 1, next: 0, versions: {} }));
  const { next, versions } = manifest.data;
  const shards = typeof versions === 'object' && versions !== null ? Object.entries(versions) : undefined;
  if (!Number.isInteger(next) || next < 0 || !shards || !shards.every(([key, version]) => /^\d+$/.test(key) && Number(key) < next && Number.isInteger(version))) {
    throw new Error(`The memory manifest in this folder is not one this version can read (next: ${JSON.stringify(next)}); the folder was left as it is.`);
  }
  return manifest;
}

function openShard(store: ClosableStore, shard: number): Promise<DurableDocument<ShardData>> {
  return store.document<ShardData>(shardName(shard), () => ({ records: {} }));
}

async function openShardIfPresent(store: ClosableStore, shard: number): Promise<DurableDocument<ShardData> | undefined> {
  let absent = false;
  const document = await store.document<ShardData>(shardName(shard), () => {
    absent = true;
    return { records: {} };
  });
  return absent ? undefined : document;
}

function mapOf<K, V>(maps: Map<number, Map<K, V>>, key: number): Map<K, V> {
  let map = maps.get(key);
  if (!map) maps.set(key, (map = new Map()));
  return map;
}

/** A cheap structural check: a full schema would make loading 100,000 memories much slower. */
function isMemoryRecord(value: unknown): value is MemoryRecord {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Partial<Record<keyof MemoryRecord, unknown>>;
  return (
    typeof record.id === 'string' &&
    (MEMORY_SCOPES as readonly unknown[]).includes(record.scope) &&
    (MEMORY_KINDS as readonly unknown[]).includes(record.kind) &&
    typeof record.title === 'string' &&
    typeof record.text === 'string' &&
    Array.isArray(record.tags) &&
    typeof record.provenance === 'object' &&
    record.provenance !== null &&
    typeof record.createdAt === 'number' &&
    typeof record.updatedAt === 'number'
  );
}
