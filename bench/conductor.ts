// The engine's cost per task, embedded against a real conductor-oss server, in one run: a workflow
// of STEPS steps whose handlers return at once, so what a step costs is the engine's own work. The
// dispatch overhead of a task is the gap from one handler's end to the next handler's start (for
// Conductor: the result's update-v2, the server's decision, and the next task, which update-v2
// hands back because all of a workflow's steps share one task type); the whole workflow's
// wall time is from start() to settled(), what a person waits for. Conductor runs with the SDK's
// default polling (100 ms) and with ours (DEFAULT_POLL_INTERVAL_MS); the server's CPU is measured.
// Needs Java 21+ and the server's boot jar (fetched once into ~/.m2, as the Conductor tests do).
// Run: node --import tsx bench/conductor.ts
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { EmbeddedEngine } from '../src/core/orchestrator/embeddedEngine';
import { EventStream } from '../src/core/orchestrator/eventStream';
import { StepHandlers } from '../src/core/orchestrator/stepHandler';
import { SystemClock } from '../src/core/orchestrator/systemClock';
import type { Logger } from '../src/core/ports';
import { connectConductor } from '../src/infra/conductor/conductorConnection';
import { ConductorEngine } from '../src/infra/conductor/conductorEngine';
import { DEFAULT_LONG_POLL_MS, DEFAULT_POLL_INTERVAL_MS } from '../src/infra/conductor/conductorWorkers';
import { workspaceDomain } from '../src/infra/conductor/workspaceDomain';
import { JsonStore } from '../src/infra/store/jsonStore';
import { ConductorServer } from '../test/conductor/harness/conductorServer';

const STEPS = 20;
const RUNS = 6;
const quiet: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: (message) => console.error(message) };

interface Engine {
  start(definition: unknown): Promise<string>;
  settled(id: string): Promise<{ status: string; reason?: string }>;
  close(): Promise<void>;
}

interface Measured {
  readonly gapsMs: number[];
  readonly wallMs: number[];
  readonly ids: string[];
}

/** The server process's CPU time so far (user + system), from /proc. */
function serverCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

/** Handlers that note when each step starts and ends; the gaps between them are the engine's. */
function timedHandlers(): { handlers: StepHandlers; marks: { start: number; end: number }[] } {
  const marks: { start: number; end: number }[] = [];
  const handlers = new StepHandlers().register('quick', {
    run: async () => {
      const start = performance.now();
      marks.push({ start, end: performance.now() });
      return { output: { at: start } };
    },
  });
  return { handlers, marks };
}

function definition(name: string) {
  return { name, version: 1, steps: Array.from({ length: STEPS }, (_, i) => ({ name: `step${i + 1}`, handler: 'quick', inputs: i === 0 ? {} : { previous: `\${step${i}.output.at}` } })) };
}

async function measure(label: string, open: (handlers: StepHandlers) => Promise<Engine>): Promise<Measured> {
  const result: Measured = { gapsMs: [], wallMs: [], ids: [] };
  const { handlers, marks } = timedHandlers();
  const engine = await open(handlers);
  try {
    // The first run registers the definitions and warms the JIT and the server; it is not counted.
    for (let run = 0; run <= RUNS; run++) {
      marks.length = 0;
      const started = performance.now();
      const id = await engine.start(definition(`bench${label}`));
      const done = await engine.settled(id);
      const wall = performance.now() - started;
      if (done.status !== 'COMPLETED') throw new Error(`${label}: the workflow ended ${done.status}: ${done.reason ?? ''}`);
      if (marks.length !== STEPS) throw new Error(`${label}: ${marks.length} steps ran, not ${STEPS}`);
      if (run === 0) continue;
      result.wallMs.push(wall);
      result.ids.push(id);
      for (let i = 1; i < marks.length; i++) result.gapsMs.push((marks[i] as { start: number }).start - (marks[i - 1] as { end: number }).end);
    }
  } finally {
    await engine.close();
  }
  return result;
}

async function main() {
  const folder = await mkdtemp(join(tmpdir(), 'imperium-bench-conductor-'));
  const server = new ConductorServer();
  const clock = new SystemClock();
  const stores: JsonStore[] = [];
  const store = async (name: string) => {
    const opened = await JsonStore.open({ folder: join(folder, name, '.imperium'), logger: quiet });
    stores.push(opened);
    return opened;
  };
  try {
    const up = await server.start();
    console.log(`conductor-oss server started in ${(up.startupMs / 1000).toFixed(1)} s (${server.javaDescription}); ${STEPS} steps a workflow, ${RUNS} runs each after one warm-up\n`);
    const rows: [string, Measured][] = [];
    rows.push([
      'embedded',
      await measure('embedded', async (handlers) => {
        const opened = await store('embedded');
        return EmbeddedEngine.open({ store: opened, handlers, clock, logger: quiet, events: await EventStream.open(opened.log('events'), clock, quiet) });
      }),
    ]);
    const settings = [
      { pollIntervalMs: 100, longPollMs: 100, label: "the SDK's defaults" },
      { pollIntervalMs: DEFAULT_POLL_INTERVAL_MS, longPollMs: DEFAULT_LONG_POLL_MS, label: 'ours' },
    ];
    for (const { pollIntervalMs, longPollMs, label } of settings) {
      const name = `conductor-${pollIntervalMs}-${longPollMs}`;
      const cpuBefore = serverCpuMs(up.pid);
      const started = performance.now();
      const measured = await measure(name, async (handlers) => {
        const connection = await connectConductor({ url: up.url, logger: quiet });
        return ConductorEngine.open({ connection, store: await store(name), handlers, clock, logger: quiet, domain: workspaceDomain(join(folder, name)), pollIntervalMs, longPollMs });
      });
      const load = (serverCpuMs(up.pid) - cpuBefore) / (performance.now() - started);
      rows.push([`Conductor, poll every ${pollIntervalMs} ms, long poll ${longPollMs} ms (${label}); server CPU ${(load * 100).toFixed(0)} % of a core`, measured]);
    }
    const embedded = rows[0]?.[1] as Measured;
    const serverSide: string[] = [];
    for (const [label, measured] of rows.slice(1)) {
      const decide: number[] = [];
      const queued: number[] = [];
      for (const id of measured.ids) {
        const response = await fetch(`${up.url}/api/workflow/${id}?includeTasks=true`);
        const tasks = ((await response.json()) as { tasks: { seq: number; scheduledTime: number; startTime: number; endTime: number }[] }).tasks.sort((a, b) => a.seq - b.seq);
        for (let i = 1; i < tasks.length; i++) {
          const [previous, task] = [tasks[i - 1], tasks[i]] as [(typeof tasks)[0], (typeof tasks)[0]];
          decide.push(task.scheduledTime - previous.endTime);
          queued.push(task.startTime - task.scheduledTime);
        }
      }
      serverSide.push(`| ${label} | ${median(decide).toFixed(0)} ms | ${median(queued).toFixed(0)} ms | ${percentile(queued, 90).toFixed(0)} ms |`);
    }
    console.log('| engine | dispatch per task, median | p90 | added per task vs embedded, median | whole workflow, median | per task of the whole |');
    console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
    for (const [label, measured] of rows) {
      const gap = median(measured.gapsMs);
      const wall = median(measured.wallMs);
      const added = label === 'embedded' ? '' : `${(gap - median(embedded.gapsMs)).toFixed(1)} ms`;
      console.log(`| ${label} | ${gap.toFixed(1)} ms | ${percentile(measured.gapsMs, 90).toFixed(1)} ms | ${added} | ${wall.toFixed(0)} ms | ${(wall / STEPS).toFixed(1)} ms |`);
    }
    console.log("\nWhere a Conductor task's dispatch goes, from the server's own task times:\n");
    console.log('| engine | next task scheduled after the previous ended, median | polled after scheduled, median | p90 |');
    console.log('| --- | ---: | ---: | ---: |');
    for (const line of serverSide) console.log(line);
  } finally {
    await Promise.all(stores.map((opened) => opened.close()));
    await server.dispose();
    await rm(folder, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
