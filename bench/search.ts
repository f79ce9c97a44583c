// search_text against grep on a 10,000-file workspace: 100 folders of 100 source files (about 60
// lines each), a .gitignore that leaves out a build folder, and a query that matches a few lines, so
// every file is read. grep runs as `grep -rn --exclude-dir=<the ignored folder>` (it does not read
// .gitignore; excluding the folder is the same work). With ripgrep installed (Debian's `ripgrep`)
// and without. Median of 7 runs each, alternated, after one warm-up of each, so the page cache is warm.
// Run: node --import tsx bench/search.ts
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { JournalEntry } from '../src/core/journal/journalEntry';
import { WriteJournal } from '../src/core/journal/writeJournal';
import type { AppendLog } from '../src/core/ports';
import { NodeWorkspace } from '../src/infra/nodeWorkspace';

const FOLDERS = 100;
const FILES_PER_FOLDER = 100;
const RUNS = 7;

class MemoryLog<T> implements AppendLog<T> {
  async append() {}
  async readAll(): Promise<T[]> {
    return [];
  }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function source(folder: number, file: number): string {
  const lines = [`// module ${folder}/${file}`, `import { helper } from '../shared/helper';`];
  for (let index = 0; index < 56; index++) lines.push(`export function f${folder}_${file}_${index}(value: number): number { return helper(value) + ${index}; }`);
  if ((folder * FILES_PER_FOLDER + file) % 997 === 0) lines.push(`// NEEDLE: the line the search looks for`);
  return lines.join('\n') + '\n';
}

async function makeWorkspace(root: string): Promise<void> {
  await writeFile(join(root, '.gitignore'), 'build/\n*.log\n');
  await mkdir(join(root, 'build'));
  for (let index = 0; index < 200; index++) await writeFile(join(root, 'build', `out${index}.js`), '// NEEDLE in a build output\n');
  for (let folder = 0; folder < FOLDERS; folder++) {
    const dir = join(root, 'src', `pkg${folder}`);
    await mkdir(dir, { recursive: true });
    await Promise.all(Array.from({ length: FILES_PER_FOLDER }, (_, file) => writeFile(join(dir, `file${file}.ts`), source(folder, file))));
  }
}

async function main() {
  const root = await mkdtemp(join(tmpdir(), 'imperium-bench-search-'));
  await makeWorkspace(root);
  const journal = new WriteJournal(new MemoryLog<JournalEntry>());
  const withRipgrep = await NodeWorkspace.open(root, { journal });
  const jsOnly = await NodeWorkspace.open(root, { journal, ripgrep: false });
  // IMPERIUM_BENCH_BEFORE_SRC=<a checkout of an older commit>: its NodeWorkspace, measured in the same runs.
  const beforeSource = process.env.IMPERIUM_BENCH_BEFORE_SRC;
  const before = beforeSource
    ? await ((await import(join(beforeSource, 'src', 'infra', 'nodeWorkspace.ts'))) as { NodeWorkspace: typeof NodeWorkspace }).NodeWorkspace.open(root, { journal })
    : undefined;
  const query = (workspace: NodeWorkspace, caseSensitive: boolean) => async () => (await workspace.search('NEEDLE', { limit: 1000, caseSensitive })).length;
  const variants = [
    { name: 'search_text, ripgrep first (case-sensitive)', run: query(withRipgrep, true) },
    { name: 'search_text, ripgrep first (ignoring case, the tool\'s default)', run: query(withRipgrep, false) },
    { name: 'search_text, JavaScript only (case-sensitive)', run: query(jsOnly, true) },
    { name: 'search_text, JavaScript only (ignoring case)', run: query(jsOnly, false) },
    ...(before ? [{ name: 'before: search_text of the older checkout (ignoring case)', run: query(before, false) }] : []),
  ];
  const grep = () => {
    const run = spawnSync('grep', ['-rn', '--exclude-dir=build', '--exclude=*.log', 'NEEDLE', '.'], { cwd: root, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`grep failed: ${run.stderr}`);
    return run.stdout.trim().split('\n').length;
  };
  const grepFound = grep();
  for (const variant of variants) {
    const found = await variant.run();
    if (found !== grepFound) throw new Error(`${variant.name} found ${found} lines, grep ${grepFound}`);
  }
  const times = variants.map(() => [] as number[]);
  const timesGrep: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    for (const [index, variant] of variants.entries()) {
      const started = performance.now();
      await variant.run();
      times[index].push(performance.now() - started);
    }
    const started = performance.now();
    grep();
    timesGrep.push(performance.now() - started);
  }
  await rm(root, { recursive: true, force: true });
  const grepMs = median(timesGrep);
  console.log(`${FOLDERS * FILES_PER_FOLDER} files, ${grepFound} matching lines, medians of ${RUNS} runs (fastest / slowest).\n`);
  console.log('| one call | time | / grep |');
  console.log('| --- | ---: | ---: |');
  console.log(`| grep -rn (spawned) | ${grepMs.toFixed(0)} ms (${Math.min(...timesGrep).toFixed(0)} / ${Math.max(...timesGrep).toFixed(0)}) | 1.00x |`);
  for (const [index, variant] of variants.entries()) {
    const ms = median(times[index]);
    console.log(`| ${variant.name} | ${ms.toFixed(0)} ms (${Math.min(...times[index]).toFixed(0)} / ${Math.max(...times[index]).toFixed(0)}) | ${(ms / grepMs).toFixed(2)}x |`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
