// State-store write cost as the store grows: a workflow's events and state, written our way (each
// event appended to a JSONL log, the state document written debounced) against the naive lowdb way
// (db.data.events.push(e); await db.write(): the whole file rewritten for every event).
// Run: node --import tsx bench/store.ts
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import type { Logger } from '../src/core/ports';
import { JsonStore } from '../src/infra/store/jsonStore';
import type { TaskEvent } from '../src/shared/events';

const SIZES = [100, 1_000, 10_000];
/** Each measurement writes this many events, then the per-event cost of the round is taken. */
const EVENTS_PER_ROUND = 20;
const ROUNDS = 11;

interface WorkflowStateLike {
  id: string;
  status: string;
  lastSeq: number;
  updatedAt: number;
  tasks: { id: string; step: string; status: string; retryCount: number }[];
}

const silent: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

function event(seq: number): TaskEvent {
  return { type: 'task', seq, at: 1_700_000_000_000 + seq, workflowId: 'wf-1', taskId: `wf-1-t${seq}`, step: ['plan', 'red', 'green', 'refactor', 'review'][seq % 5] ?? 'plan', status: 'IN_PROGRESS', retryCount: seq % 3, reason: 'bench' };
}

function state(): WorkflowStateLike {
  return { id: 'wf-1', status: 'RUNNING', lastSeq: 0, updatedAt: 0, tasks: Array.from({ length: 12 }, (_, i) => ({ id: `wf-1-t${i}`, step: 'green', status: 'COMPLETED', retryCount: 0 })) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** Median over rounds of (time to write a round of events) / events per round, in ms. */
async function perEventMs(writeRound: (firstSeq: number) => Promise<void>, firstSeq: number): Promise<number> {
  const costs: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const started = performance.now();
    await writeRound(firstSeq + round * EVENTS_PER_ROUND);
    costs.push((performance.now() - started) / EVENTS_PER_ROUND);
  }
  return median(costs);
}

async function naive(folder: string, size: number): Promise<number> {
  const db = new Low(new JSONFile<{ state: WorkflowStateLike; events: TaskEvent[] }>(join(folder, 'naive.json')), { state: state(), events: [] });
  db.data.events = Array.from({ length: size }, (_, i) => event(i + 1));
  await db.write();
  return perEventMs(async (firstSeq) => {
    for (let seq = firstSeq; seq < firstSeq + EVENTS_PER_ROUND; seq++) {
      db.data.events.push(event(seq));
      db.data.state.lastSeq = seq;
      await db.write();
    }
  }, size + 1);
}

/** Our store: `flushEvery` events per flush (a flush writes the state and forces state and log to disk). */
async function ours(folder: string, size: number, flushEvery: number): Promise<number> {
  // The log as earlier sessions left it, written in one go and synced, so no round pays for it.
  const prefill = await open(join(folder, 'events.jsonl'), 'w');
  await prefill.writeFile(Array.from({ length: size }, (_, i) => `${JSON.stringify(event(i + 1))}\n`).join(''));
  await prefill.datasync();
  await prefill.close();
  const store = await JsonStore.open({ folder, logger: silent });
  try {
    const log = store.log<TaskEvent>('events');
    const doc = await store.document('workflow-wf-1', state);
    const cost = await perEventMs(async (firstSeq) => {
      for (let seq = firstSeq; seq < firstSeq + EVENTS_PER_ROUND; seq++) {
        await log.append(event(seq));
        doc.update((data) => {
          data.lastSeq = seq;
          data.updatedAt = seq;
        });
        if ((seq - firstSeq + 1) % flushEvery === 0) await store.flush();
      }
    }, size + 1);
    return cost;
  } finally {
    await store.close();
  }
}

/** The cost of one append under each sync policy (the case for syncing logs on flush by default). */
async function appendCost(folder: string, policy: 'on-flush' | 'every-append'): Promise<number> {
  const store = await JsonStore.open({ folder, logger: silent, logSync: policy });
  try {
    const log = store.log<TaskEvent>('events');
    return await perEventMs(async (firstSeq) => {
      for (let seq = firstSeq; seq < firstSeq + EVENTS_PER_ROUND; seq++) await log.append(event(seq));
    }, 1);
  } finally {
    await store.close();
  }
}

async function inTempFolder<T>(work: (folder: string) => Promise<T>): Promise<T> {
  const folder = await mkdtemp(join(tmpdir(), 'imperium-bench-store-'));
  try {
    return await work(folder);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

const ms = (value: number) => `${value < 0.1 ? value.toFixed(3) : value.toFixed(2)} ms`;

async function main(): Promise<void> {
  const started = performance.now();
  console.log(`Store write cost per event: median of ${ROUNDS} rounds of ${EVENTS_PER_ROUND} events, Node ${process.version}, ${tmpdir()}\n`);
  console.log('| events already in the store | naive lowdb (full rewrite per event, no fsync) | ours (append + debounced state, written and fsynced once per round) | naive / ours | ours, written and fsynced after every event |');
  console.log('|---:|---:|---:|---:|---:|');
  for (const size of SIZES) {
    const naiveMs = await inTempFolder((folder) => naive(folder, size));
    const oursMs = await inTempFolder((folder) => ours(folder, size, EVENTS_PER_ROUND));
    const durableMs = await inTempFolder((folder) => ours(folder, size, 1));
    console.log(`| ${size.toLocaleString('en')} | ${ms(naiveMs)} | ${ms(oursMs)} | ${(naiveMs / oursMs).toFixed(1)}x | ${ms(durableMs)} |`);
  }
  const onFlush = await inTempFolder((folder) => appendCost(folder, 'on-flush'));
  const everyAppend = await inTempFolder((folder) => appendCost(folder, 'every-append'));
  console.log('\n| log sync policy | one append |');
  console.log('|---|---:|');
  console.log(`| on-flush (default) | ${ms(onFlush)} |`);
  console.log(`| every-append | ${ms(everyAppend)} |`);
  console.log(`\nTotal ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
