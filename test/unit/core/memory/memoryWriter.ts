// Run as a child process by memoryStorage.test.ts: opens the memory folder given, prints "ready",
// waits for a line on stdin (so every writer starts at once), promotes `count` memories titled
// "<label> <n>", one promotion at a time, then prints "done".
import { once } from 'node:events';
import { LongTermMemory } from '../../../../src/core/memory/longTermMemory';
import { clock, evidence, memoryFolder } from './memoryTestKit';

async function main(): Promise<void> {
  const [folder, label, count] = process.argv.slice(2);
  if (!folder || !label || !count) throw new Error('usage: memoryWriter.ts <folder> <label> <count>');
  const memory = await LongTermMemory.open({ folders: { global: memoryFolder(folder) }, clock, logger: console, debounceMs: 1 });
  process.stdout.write('ready\n');
  await once(process.stdin, 'data');
  for (let n = 0; n < Number(count); n++) {
    await memory.promote(evidence({ workflowId: `wf-${label}` }), [{ kind: 'fix', scope: 'global', title: `${label} ${n}`, text: `written by ${label}` }]);
  }
  await memory.close();
  process.stdout.write('done\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
