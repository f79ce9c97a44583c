// `imperium tests <folder>` against the framework's own command in the same folder, for each
// framework's fixture project: whole processes, start-up included, run in turn (ours, theirs, ours,
// ...) so the ratio is taken pair by pair on a machine whose speed drifts. With
// IMPERIUM_BENCH_BEFORE=<an older dist/cli.js> that bundle is measured in the same pairs too.
// Run: node --import tsx bench/testsOverhead.ts   (after `npm run build`)
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

const REPOSITORY = resolve(__dirname, '..');
const PAIRS = 7;
const bin = (path: string) => join(REPOSITORY, 'node_modules', path);

interface Case {
  readonly framework: string;
  readonly fixture: string;
  readonly own: readonly string[];
}

function nodeTestFiles(folder: string): string[] {
  return readdirSync(join(folder, 'test'))
    .filter((name) => /\.test\.[jt]s$/.test(name))
    .map((name) => `test/${name}`);
}

const fixture = (name: string) => join(REPOSITORY, 'test', 'fixtures', name);
const CASES: readonly Case[] = [
  { framework: 'jest', fixture: fixture('jest-project'), own: [process.execPath, bin('jest/bin/jest.js')] },
  { framework: 'node:test', fixture: fixture('node-test-project'), own: [process.execPath, '--import', 'tsx', '--test', ...nodeTestFiles(fixture('node-test-project'))] },
  { framework: 'mocha', fixture: fixture('mocha-project'), own: [process.execPath, bin('mocha/bin/mocha.js')] },
  { framework: 'vitest', fixture: fixture('vitest-project'), own: [process.execPath, bin('vitest/vitest.mjs'), 'run'] },
  { framework: 'pytest', fixture: fixture('pytest-project'), own: ['python3', '-m', 'pytest'] },
];

function wall(command: readonly string[], cwd: string): number {
  const started = performance.now();
  const run = spawnSync(command[0], command.slice(1), { cwd, stdio: 'ignore', env: { ...process.env, CI: 'true' } });
  if (run.error) throw run.error;
  return performance.now() - started;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function main() {
  const before = process.env.IMPERIUM_BENCH_BEFORE;
  const ours = (cli: string, folder: string) => [process.execPath, cli, 'tests', folder];
  const cli = join(REPOSITORY, 'dist', 'cli.js');
  console.log(`Medians of ${PAIRS} runs in turn after one warm-up; ratio medians taken pair by pair.\n`);
  console.log(`| framework | its own command | imperium tests | ratio |${before ? ' before (one bundle) | ratio before |' : ''}`);
  console.log(`| --- | ---: | ---: | ---: |${before ? ' ---: | ---: |' : ''}`);
  for (const test of CASES) {
    const commands = [test.own, ours(cli, test.fixture), ...(before ? [ours(before, test.fixture)] : [])];
    for (const command of commands) wall(command, test.fixture);
    const times = commands.map(() => [] as number[]);
    for (let pair = 0; pair < PAIRS; pair++) commands.forEach((command, index) => times[index].push(wall(command, test.fixture)));
    const ratio = (index: number) => median(times[index].map((ms, pair) => ms / times[0][pair]));
    const cells = [`${median(times[0]).toFixed(0)} ms`, `${median(times[1]).toFixed(0)} ms`, `${ratio(1).toFixed(2)}x`];
    if (before) cells.push(`${median(times[2]).toFixed(0)} ms`, `${ratio(2).toFixed(2)}x`);
    console.log(`| ${test.framework} | ${cells.join(' | ')} |`);
  }
}

main();
