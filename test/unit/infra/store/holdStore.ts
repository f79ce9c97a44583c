// Run as a child process by locking.test.ts: opens a document in the given folder, says so on
// stdout, and keeps the store open until it is killed.
import { JsonStore } from '../../../../src/infra/store/jsonStore';

async function main(): Promise<void> {
  const [folder, name] = process.argv.slice(2);
  if (!folder || !name) throw new Error('usage: holdStore.ts <folder> <document name>');
  const store = await JsonStore.open({ folder, logger: console });
  await store.document(name, () => ({ holder: process.pid }));
  process.stdout.write('holding\n');
  setInterval(() => undefined, 60_000);
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
