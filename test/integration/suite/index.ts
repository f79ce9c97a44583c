// The extension tests' entry point (test-electron's extensionTestsPath): VS Code loads it in the
// extension host and calls run(). It runs every *.test.js bundled next to it with mocha.
import Mocha from 'mocha';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeCounts } from './results';

export async function run(): Promise<void> {
  // Generous: the first command of a test may wait for the extension host to finish starting.
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false });
  for (const file of readdirSync(__dirname).filter((name) => name.endsWith('.test.js')).sort()) {
    mocha.addFile(join(__dirname, file));
  }
  const counts = await new Promise<{ passed: number; failed: number }>((resolve) => {
    const runner = mocha.run((failures) => resolve({ passed: runner.stats?.passes ?? 0, failed: failures }));
  });
  writeCounts(counts);
  if (counts.failed > 0) throw new Error(`${counts.failed} integration test(s) failed`);
}
