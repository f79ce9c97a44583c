// The extension tests' entry point (test-electron's extensionTestsPath): VS Code loads it in the
// extension host and calls run(). It runs, with mocha, the *.test.js files of the run named by
// $IMPERIUM_INTEGRATION_RUN (the folder of that name next to this file); $IMPERIUM_INTEGRATION_GREP
// narrows them to the tests whose titles match.
import Mocha from 'mocha';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { RUN_ENV, writeCounts } from './results';

export async function run(): Promise<void> {
  const runName = process.env[RUN_ENV];
  if (!runName) throw new Error(`${RUN_ENV} is not set: the runner names the integration run`);
  const folder = join(__dirname, runName);
  // Generous: the first command of a test may wait for the extension host to finish starting.
  const grep = process.env.IMPERIUM_INTEGRATION_GREP;
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, ...(grep && { grep }) });
  for (const file of readdirSync(folder).filter((name) => name.endsWith('.test.js')).sort()) {
    mocha.addFile(join(folder, file));
  }
  const counts = await new Promise<{ passed: number; failed: number }>((resolve) => {
    const runner = mocha.run((failures) => resolve({ passed: runner.stats?.passes ?? 0, failed: failures }));
  });
  writeCounts(counts);
  if (counts.failed > 0) throw new Error(`${counts.failed} integration test(s) failed`);
}
