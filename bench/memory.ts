// Long-term memory at 100,000 memories: load time, recall latency (lexical and hybrid), and write
// throughput, ours (sharded lowdb documents, each commit rewriting one shard) against naive lowdb
// (one document holding every memory, rewritten whole for each change).
// Run: node --import tsx bench/memory.ts [memories]
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { type Embedder, LongTermMemory } from '../src/core/memory/longTermMemory';
import type { MemoryFolder } from '../src/core/memory/memoryFolder';
import { type MemoryDraft, type MemoryRecord, searchableText } from '../src/core/memory/memoryRecord';
import { MemoryShards } from '../src/core/memory/memoryShards';
import { encodeVector } from '../src/core/memory/vectorCodec';
import type { WorkflowEvidence } from '../src/core/memory/promotion';
import type { Logger } from '../src/core/ports';
import { SystemClock } from '../src/core/orchestrator/systemClock';
import { StoreLockedError } from '../src/infra/store/fileLock';
import { JsonStore } from '../src/infra/store/jsonStore';
import { embedText } from '../src/llm/scriptedServer/embeddingVectors';

const MEMORIES = Number(process.argv[2] ?? 100_000);
/** Memories per promotion while filling the store. */
const FILL_BATCH = 10_000;
const RECALLS = 60;
/** Single durable writes (each awaited, on the full store). */
const WRITES = 100;
/** Naive lowdb rewrites the whole file per change, so it is measured on fewer of them. */
const NAIVE_WRITES = 3;
/** Small vectors keep 100,000 of them within the bench's time; real models give 256 to 3,072. */
const DIMENSIONS = 64;

const silent: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: (message) => console.error(message) };
const clock = new SystemClock();

/**
 * A stand-in for the endpoint: the scripted model server's deterministic vectors, computed in
 * process so the bench measures the memory, not a loopback round trip per query.
 */
const localEmbedder: Embedder = {
  space: `scripted-${DIMENSIONS}`,
  embed: (texts) => Promise.resolve(texts.map((text) => embedText(text, DIMENSIONS))),
};

// ---------------------------------------------------------------- synthetic memories

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** 400 identifier stems ("parse", "kelvo", ...): a codebase's vocabulary, not a handful of words. */
const STEMS = ['parse', 'date', 'render', 'cache', 'retry', 'token', 'queue', 'route', 'schema', 'fetch'].flatMap((known, i) =>
  Array.from({ length: 40 }, (_, j) => (j === 0 ? known : `${'bcdfgklmnprstvz'[(i * 7 + j) % 15]}${'aeiou'[j % 5]}${'lmnrst'[(i + j) % 6]}${'aeiou'[(i * j) % 5]}${known.slice(0, 2)}`)),
);
const SUFFIXES = ['', 'er', 'ing', 'ed', 's', 'Handler', 'Service', 'Id', 'Map', 'Error'];
const STOP = ['the', 'a', 'to', 'of', 'and', 'in', 'is', 'it', 'for', 'with', 'when', 'from', 'that', 'this', 'be', 'not'];
const PLAIN = (
  'always never use test module before after call keep check return null async await file value error throw catch ' +
  'import export class function type interface method field name path line folder write read open close start stop ' +
  'run build lint format commit branch merge review plan step task agent model prompt budget limit retry timeout wait'
).split(' ');

/** Text shaped like English over code: function words most often, plain words next, identifiers least. */
function words(next: () => number, count: number): string[] {
  return Array.from({ length: count }, () => {
    const roll = next();
    if (roll < 0.3) return STOP[Math.floor(next() * STOP.length)];
    // Squaring skews the choice towards the first words, as word frequencies are skewed (Zipf).
    if (roll < 0.6) return PLAIN[Math.floor(next() ** 2 * PLAIN.length)];
    const stem = STEMS[Math.floor(next() * STEMS.length)];
    // A number keeps the vocabulary in the thousands, as in a real codebase's identifiers.
    return `${stem}${SUFFIXES[Math.floor(next() * SUFFIXES.length)]}${Math.floor(next() * 20)}`;
  });
}

function draft(next: () => number): MemoryDraft {
  return {
    kind: (['convention', 'fix', 'rule'] as const)[Math.floor(next() * 3)],
    title: words(next, 6).join(' '),
    text: words(next, 40).join(' '),
    tags: words(next, 2),
  };
}

const evidence: WorkflowEvidence = {
  workflowId: 'wf-bench',
  request: 'bench',
  finalTests: { framework: 'mocha', outcome: 'completed', tests: [], errors: [], summary: { passed: 1, failed: 0, skipped: 0, total: 1 }, durationMs: 1, output: '' },
  board: { outcome: 'approved', reasons: ['bench'] },
  files: ['src/bench.ts'],
};

// ---------------------------------------------------------------- measurements

function folderOf(path: string): MemoryFolder {
  return { open: () => JsonStore.open({ folder: path, logger: silent, debounceMs: 0 }), isHeldElsewhere: (error) => error instanceof StoreLockedError };
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  return [result, performance.now() - started];
}

async function recallTimes(memory: LongTermMemory, mode: 'lexical' | 'hybrid', queries: readonly string[]): Promise<number[]> {
  const times: number[] = [];
  for (const query of queries) {
    const [result, ms] = await timed(() => memory.recall(query, { mode, limit: 5 }));
    if (result.mode !== mode) throw new Error(`recall ran ${result.mode}, not ${mode}: ${result.note}`);
    times.push(ms);
  }
  return times;
}

async function folderBytes(path: string): Promise<number> {
  let total = 0;
  for (const name of await readdir(path)) total += (await stat(join(path, name))).size;
  return total;
}

interface Figures {
  fillMs: number;
  loadMs: number;
  /** The first recall, which builds the lexical and semantic indexes. */
  indexMs: number;
  lexical: number[];
  hybrid: number[];
  durableWriteMs: number[];
  batchedWritesPerSecond: number;
  records: MemoryRecord[];
}

/**
 * The store as earlier sessions left it: the records (with their vectors) committed through the
 * storage layer in batches, without the recall indexes, which only the load below pays for.
 */
async function fill(folder: string, drafts: readonly MemoryDraft[]): Promise<number> {
  const shards = await MemoryShards.open({ folder: folderOf(folder), clock, logger: silent, debounceMs: 0 });
  const [, ms] = await timed(async () => {
    for (let start = 0; start < drafts.length; start += FILL_BATCH) {
      const batch = drafts.slice(start, start + FILL_BATCH);
      const vectors = await localEmbedder.embed(batch.map((one) => searchableText({ title: one.title, text: one.text, tags: one.tags ?? [] })));
      await Promise.all(
        batch.map((one, index) =>
          shards.put({
            id: `mem-${start + index}`,
            scope: 'workspace',
            kind: one.kind,
            title: one.title,
            text: one.text,
            tags: one.tags ?? [],
            provenance: { workflowId: 'wf-bench', request: 'bench', files: ['src/bench.ts'], tests: [], boardReasons: ['bench'], promotedAt: 0 },
            createdAt: start + index,
            updatedAt: start + index,
            embedding: { space: localEmbedder.space, vector: encodeVector(vectors[index]) },
          }),
        ),
      );
    }
  });
  await shards.close();
  return ms;
}

async function ours(folder: string, drafts: readonly MemoryDraft[], queries: readonly string[]): Promise<Figures> {
  const fillMs = await fill(folder, drafts);
  const [memory, loadMs] = await timed(() => LongTermMemory.open({ folders: { workspace: folderOf(folder) }, clock, logger: silent, embedder: localEmbedder, debounceMs: 0 }));
  if (memory.size !== drafts.length) throw new Error(`loaded ${memory.size} memories, expected ${drafts.length}`);
  const records = memory.list({ limit: drafts.length }).items.slice();
  const [, indexMs] = await timed(() => memory.recall(queries[0] ?? 'x', { mode: 'hybrid' }));
  const lexical = await recallTimes(memory, 'lexical', queries);
  const hybrid = await recallTimes(memory, 'hybrid', queries);

  const next = random(7);
  const durableWriteMs: number[] = [];
  for (let i = 0; i < WRITES; i++) durableWriteMs.push((await timed(() => memory.promote(evidence, [draft(next)])))[1]);

  // Many promotions in flight at once, as when the debounce gathers them: they share commits.
  const burst = Array.from({ length: 1_000 }, () => draft(next));
  const [, burstMs] = await timed(() => Promise.all(burst.map((one) => memory.promote(evidence, [one]))));
  await memory.close();
  return { fillMs, loadMs, indexMs, lexical, hybrid, durableWriteMs, batchedWritesPerSecond: burst.length / (burstMs / 1000), records };
}

interface NaiveFigures {
  loadMs: number;
  writeMs: number[];
  bytes: number;
}

async function naive(folder: string, records: readonly MemoryRecord[]): Promise<NaiveFigures> {
  const path = join(folder, 'memories.json');
  const db = new Low(new JSONFile<{ memories: MemoryRecord[] }>(path), { memories: [...records] });
  await db.write();
  const reader = new Low(new JSONFile<{ memories: MemoryRecord[] }>(path), { memories: [] });
  const [, loadMs] = await timed(() => reader.read());
  const writeMs: number[] = [];
  for (let i = 0; i < NAIVE_WRITES; i++) {
    const [, ms] = await timed(async () => {
      reader.data.memories.push({ ...records[i], id: `naive-${i}` });
      await reader.write();
    });
    writeMs.push(ms);
  }
  return { loadMs, writeMs, bytes: await folderBytes(folder) };
}

const fmt = (ms: number) => (ms < 10 ? `${ms.toFixed(2)} ms` : ms < 10_000 ? `${ms.toFixed(0)} ms` : `${(ms / 1000).toFixed(1)} s`);
const rate = (perSecond: number) => `${perSecond < 10 ? perSecond.toFixed(2) : perSecond.toFixed(0)} /s`;

async function main(): Promise<void> {
  const started = performance.now();
  const next = random(42);
  const drafts = Array.from({ length: MEMORIES }, () => draft(next));
  const queries = Array.from({ length: RECALLS }, () => words(next, 2 + Math.floor(next() * 3)).join(' '));
  const ourFolder = await mkdtemp(join(tmpdir(), 'imperium-bench-memory-'));
  const naiveFolder = await mkdtemp(join(tmpdir(), 'imperium-bench-memory-naive-'));
  try {
    const figures = await ours(ourFolder, drafts, queries);
    // Naive lowdb gets the same records, vectors included.
    const naiveFigures = await naive(naiveFolder, figures.records);

    const durableMedian = percentile(figures.durableWriteMs, 50);
    const naiveMedian = percentile(naiveFigures.writeMs, 50);
    console.log(`Long-term memory with ${MEMORIES.toLocaleString('en')} memories (${DIMENSIONS}-dimension vectors), Node ${process.version}, ${tmpdir()}\n`);
    console.log('| measure | ours (shards of 1,000 memories) | naive lowdb (one document) | naive / ours |');
    console.log('|---|---:|---:|---:|');
    console.log(`| load (open: read and check every shard) | ${fmt(figures.loadMs)} | ${fmt(naiveFigures.loadMs)} | ${(naiveFigures.loadMs / figures.loadMs).toFixed(2)}x |`);
    console.log(`| first recall (builds the BM25+ and vector indexes) | ${fmt(figures.indexMs)} | no index | |`);
    console.log(`| one durable write, median of ${WRITES} (naive: of ${NAIVE_WRITES}) | ${fmt(durableMedian)} | ${fmt(naiveMedian)} | ${(naiveMedian / durableMedian).toFixed(1)}x |`);
    console.log(`| writes per second, one at a time | ${rate(1000 / durableMedian)} | ${rate(1000 / naiveMedian)} | ${(naiveMedian / durableMedian).toFixed(1)}x |`);
    console.log(`| writes per second, 1,000 in flight (shared commits) | ${rate(figures.batchedWritesPerSecond)} | ${rate(1000 / naiveMedian)} | ${((figures.batchedWritesPerSecond * naiveMedian) / 1000).toFixed(0)}x |`);
    console.log(`| recall, lexical (BM25+), median / p95 of ${RECALLS} | ${fmt(percentile(figures.lexical, 50))} / ${fmt(percentile(figures.lexical, 95))} | — | |`);
    console.log(`| recall, hybrid (BM25+ and cosine, fused), median / p95 | ${fmt(percentile(figures.hybrid, 50))} / ${fmt(percentile(figures.hybrid, 95))} | — | |`);
    console.log(`| filling the store (commits of ${FILL_BATCH.toLocaleString('en')}, vectors included, no recall index) | ${fmt(figures.fillMs)} | | |`);
    console.log(`| size on disk (ours: with each shard's backup) | ${((await folderBytes(ourFolder)) / 1e6).toFixed(0)} MB | ${(naiveFigures.bytes / 1e6).toFixed(0)} MB | |`);
    console.log(`\nOurs fsyncs each commit; naive lowdb (steno) renames a temp file without fsync. Hybrid recall excludes embedding the query (an endpoint round trip). Total ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await rm(ourFolder, { recursive: true, force: true });
    await rm(naiveFolder, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
