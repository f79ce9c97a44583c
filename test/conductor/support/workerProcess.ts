// A worker in a process of its own, for the suites that kill one mid-step: it serves the
// definition in argv, runs its one step by writing a file through the journal, says WROTE on
// stdout, and then holds the step until it is killed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JsonStore } from '../../../src/infra/store/jsonStore';
import { handlers, openEngine, quietLogger } from './engineFixture';
import { journaledStep } from './journaledStep';

async function main(): Promise<void> {
  const [url, folder, definitionFile] = process.argv.slice(2) as [string, string, string];
  const definition = JSON.parse(readFileSync(definitionFile, 'utf8')) as { steps: { handler: string }[] };
  const store = await JsonStore.open({ folder: join(folder, '.imperium'), logger: quietLogger });
  const step = await journaledStep(folder, store, () => ({ appendLines: { 'notes.txt': 'written by the killed worker', 'only-killed.txt': 'partial' }, holdMs: 600_000, onWritten: () => console.log('WROTE') }));
  const opened = await openEngine({ url, folder, store, handlers: handlers({ [definition.steps[0]?.handler as string]: step.handler }), definitions: [definition] });
  console.log('READY');
  process.on('SIGTERM', () => void opened.close().then(() => process.exit(0)));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
