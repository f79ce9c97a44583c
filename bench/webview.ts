// The command center under load: 10,000 engine events at 1,000 per second into the production
// webview bundle, in headless Chromium, in the page the host builds (its CSP included), with a
// stand-in for VS Code's webview API. Measures how long the UI thread is blocked (long tasks, the
// longest gap between frames) and the memory it ends with. Two ways the events arrive: one message
// per event (the worst case), and in the host's batches (one message every 50 ms, as WebviewChannel
// sends them). Run: node --import tsx bench/webview.ts (or npm run bench -- webview).
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as esbuild from 'esbuild';
import type { Browser } from 'playwright-core';
import { applyUpdate } from '../src/shared/dashboardReducer';
import { type DashboardCapabilities, type DashboardState, emptyDashboard } from '../src/shared/dashboardState';
import { launchChromium, openChromiumPage } from '../test/unit/webview/chromiumPage';
import { scriptedEvents } from './webviewEvents';

const EVENTS = 10_000;
const PER_SECOND = 1_000;
const HOST_BATCH_MS = 50;
const repo = resolve(__dirname, '..');

const CAPABILITIES: DashboardCapabilities = {
  start: { available: true },
  approvals: { available: false, reason: 'not in this benchmark' },
  undo: { available: false, reason: 'not in this benchmark' },
  files: { available: false, reason: 'not in this benchmark' },
  diff: { available: false, reason: 'not in this benchmark' },
  memories: { available: false, reason: 'not in this benchmark' },
};

interface LoadResult {
  readonly durationMs: number;
  readonly longTasks: number[];
  readonly frameGaps: number[];
}

interface Measured {
  readonly mode: string;
  readonly sendSeconds: number;
  readonly frames: number;
  readonly longTasks: number;
  readonly longTaskMs: number;
  readonly worstLongTaskMs: number;
  readonly worstFrameGapMs: number;
  readonly p95FrameGapMs: number;
  readonly busyPercent: number;
  readonly heapBeforeMiB: number;
  readonly heapAfterMiB: number;
  readonly nodesBefore: number;
  readonly nodesAfter: number;
}

// In the page as a string: the test runner's transpiler adds helpers that a serialized function lacks.
const LOAD_DRIVER = `window.runLoad = (events, perSecond, batchMs) => new Promise((done) => {
  const longTasks = [];
  const observer = new PerformanceObserver((list) => { for (const entry of list.getEntries()) longTasks.push(entry.duration); });
  observer.observe({ type: 'longtask' });
  const frameGaps = [];
  let last = performance.now();
  let running = true;
  const onFrame = (time) => { frameGaps.push(time - last); last = time; if (running) requestAnimationFrame(onFrame); };
  requestAnimationFrame(onFrame);
  const started = performance.now();
  let sent = 0;
  const tick = () => {
    const due = Math.min(events.length, Math.floor(((performance.now() - started) * perSecond) / 1000));
    if (batchMs === 0) { while (sent < due) window.postMessage({ type: 'updates', updates: [events[sent++]] }, '*'); }
    else if (due > sent) { window.postMessage({ type: 'updates', updates: events.slice(sent, due) }, '*'); sent = due; }
    if (sent < events.length) { setTimeout(tick, batchMs || 4); return; }
    const durationMs = performance.now() - started;
    // One more second for the last frames and the charts' last redraw.
    setTimeout(() => { running = false; observer.disconnect(); done({ durationMs, longTasks, frameGaps }); }, 1000);
  };
  tick();
});`;

async function buildProductionBundle(folder: string): Promise<string> {
  const outfile = join(folder, 'webview.js');
  // The webview build of esbuild.config.mjs with --production.
  await esbuild.build({
    entryPoints: [join(repo, 'webview/src/main.ts')],
    outfile,
    bundle: true,
    minify: true,
    legalComments: 'none',
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    loader: { '.css': 'text', '.ttf': 'binary' },
    logLevel: 'silent',
  });
  return outfile;
}

async function measure(browser: Browser, bundle: string, mode: string, batchMs: number): Promise<Measured> {
  const chromium = await openChromiumPage(browser, { view: 'command-center', bundle, stylesheet: join(repo, 'media/dashboard.css'), viewport: { width: 1280, height: 900 } });
  try {
    const { page } = chromium;
    await page.waitForFunction('window.posted.length > 0');
    await chromium.post({ type: 'snapshot', version: 'bench', state: emptyDashboard(), capabilities: CAPABILITIES });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const metrics = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      const { metrics: list } = await cdp.send('Performance.getMetrics');
      return Object.fromEntries(list.map((metric) => [metric.name, metric.value]));
    };
    await page.waitForTimeout(500);
    const before = await metrics();
    const events = scriptedEvents(EVENTS, { startAt: Date.now(), spacingMs: 1_000 / PER_SECOND });
    await page.evaluate(LOAD_DRIVER);
    const result = (await page.evaluate(`window.runLoad(${JSON.stringify(events)}, ${PER_SECOND}, ${batchMs})`)) as LoadResult;
    const after = await metrics();
    if (chromium.errors.length > 0) throw new Error(`the page failed: ${chromium.errors.join('\n')}`);
    const sorted = [...result.frameGaps].sort((a, b) => a - b);
    const mib = (bytes: number) => bytes / 2 ** 20;
    return {
      mode,
      sendSeconds: result.durationMs / 1_000,
      frames: result.frameGaps.length,
      longTasks: result.longTasks.length,
      longTaskMs: result.longTasks.reduce((sum, duration) => sum + duration, 0),
      worstLongTaskMs: Math.max(0, ...result.longTasks),
      worstFrameGapMs: sorted.at(-1) ?? 0,
      p95FrameGapMs: sorted[Math.floor(sorted.length * 0.95)] ?? 0,
      busyPercent: ((after.TaskDuration - before.TaskDuration) / ((result.durationMs + 1_000) / 1_000)) * 100,
      heapBeforeMiB: mib(before.JSHeapUsedSize),
      heapAfterMiB: mib(after.JSHeapUsedSize),
      nodesBefore: before.Nodes,
      nodesAfter: after.Nodes,
    };
  } finally {
    await chromium.close();
  }
}

/** The shared reducer alone, in Node (as the host runs it): the events one by one, median of 5 runs. */
function reducerCost(): { readonly msPer10k: number; readonly stateKiB: number } {
  const events = scriptedEvents(EVENTS, { startAt: 0, spacingMs: 1 });
  const times: number[] = [];
  let state: DashboardState = emptyDashboard();
  for (let run = 0; run < 5; run++) {
    state = emptyDashboard();
    const started = performance.now();
    for (const event of events) state = applyUpdate(state, event);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { msPer10k: times[2], stateKiB: JSON.stringify(state).length / 1024 };
}

async function main(): Promise<void> {
  const folder = await mkdtemp(join(tmpdir(), 'imperium-bench-webview-'));
  const browser = await launchChromium();
  try {
    const bundle = await buildProductionBundle(folder);
    console.log(`${EVENTS.toLocaleString('en-US')} events at ${PER_SECOND.toLocaleString('en-US')}/s into the production bundle (${((await stat(bundle)).size / 1024).toFixed(0)} KiB), command center, 1280x900, headless Chromium ${browser.version()}\n`);
    const rows = [await measure(browser, bundle, 'one message per event', 0), await measure(browser, bundle, `host batches (${HOST_BATCH_MS} ms)`, HOST_BATCH_MS)];
    const reducer = reducerCost();
    console.log(`\nThe reducer alone (Node): ${reducer.msPer10k.toFixed(0)} ms for ${EVENTS.toLocaleString('en-US')} events, one by one; the state it ends with is ${reducer.stateKiB.toFixed(0)} KiB as JSON (what a snapshot carries).\n`);
    console.log('| events arrive as | sent in | frames | long tasks (>50 ms) | blocked in long tasks | longest task | longest frame gap | p95 frame gap | main thread busy | JS heap before → after (after GC) | DOM nodes before → after |');
    console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const row of rows) {
      console.log(
        `| ${row.mode} | ${row.sendSeconds.toFixed(1)} s | ${row.frames} | ${row.longTasks} | ${row.longTaskMs.toFixed(0)} ms | ${row.worstLongTaskMs.toFixed(0)} ms | ${row.worstFrameGapMs.toFixed(0)} ms | ${row.p95FrameGapMs.toFixed(0)} ms | ${row.busyPercent.toFixed(0)} % | ${row.heapBeforeMiB.toFixed(1)} → ${row.heapAfterMiB.toFixed(1)} MiB | ${row.nodesBefore} → ${row.nodesAfter} |`,
      );
    }
  } finally {
    await browser.close();
    await rm(folder, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
