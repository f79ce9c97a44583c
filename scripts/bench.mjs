// `npm run bench`: runs every benchmark in bench/ (or those named: `npm run bench -- store`), one
// process each so none warms the next, and prints their tables. Results go into bench/README.md by hand,
// with the date and the machine, so a reader knows what the numbers were measured on.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';

const wanted = process.argv.slice(2);
const benches = readdirSync('bench')
  .filter((name) => name.endsWith('.ts'))
  .map((name) => name.replace(/\.ts$/, ''))
  .filter((name) => wanted.length === 0 || wanted.includes(name));

if (benches.length === 0) {
  console.error(`No benchmark matches ${wanted.join(', ')}; there are: ${readdirSync('bench').filter((n) => n.endsWith('.ts')).join(', ')}`);
  process.exit(2);
}

console.log(`# Benchmarks, ${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}\n`);
let failed = 0;
for (const name of benches) {
  console.log(`## ${name}\n`);
  const { status } = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', `bench/${name}.ts`], { stdio: 'inherit' });
  if (status !== 0) {
    failed++;
    console.error(`bench/${name}.ts exited with ${status}`);
  }
  console.log('');
}
process.exit(failed === 0 ? 0 : 1);
