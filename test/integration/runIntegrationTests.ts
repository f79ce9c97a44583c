// Runs the integration tests (suite/) inside a real VS Code through @vscode/test-electron.
// By default the "VS Code" is harness/vscodeWeb.js (VS Code 1.139's server and web workbench, from a
// per-user cache that is installed on first use); IMPERIUM_VSCODE=desktop lets test-electron download
// a desktop build instead, for machines with internet. Ends with `integration: N passed, M failed`.
import { runTests } from '@vscode/test-electron';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ensureVsCodeInstalled } from './harness/vscodeInstall';
import { type TestCounts, RESULTS_FILE_ENV } from './suite/results';

// This file is bundled to out/test/integration/.
const repo = resolve(__dirname, '..', '..', '..');

async function main(): Promise<number> {
  const desktop = process.env.IMPERIUM_VSCODE === 'desktop';
  if (desktop && process.env.IMPERIUM_WORKSPACE_TRUST === 'restricted') {
    throw new Error('IMPERIUM_WORKSPACE_TRUST=restricted needs the web harness: test-electron always disables workspace trust on desktop');
  }
  let vscodeExecutablePath: string | undefined;
  if (!desktop) {
    ensureVsCodeInstalled();
    vscodeExecutablePath = join(__dirname, 'harness', 'vscodeWeb.js');
    chmodSync(vscodeExecutablePath, 0o755); // esbuild writes it without the executable bit
  }
  // A fresh profile per run, so no settings or state carry over from an earlier run.
  const profile = mkdtempSync(join(tmpdir(), 'imperium-integration-'));
  const resultsFile = process.env[RESULTS_FILE_ENV] || join(profile, 'results.json');
  rmSync(resultsFile, { force: true });
  let editorFailed = false;
  try {
    await runTests({
      ...(vscodeExecutablePath ? { vscodeExecutablePath } : {}),
      extensionDevelopmentPath: repo,
      extensionTestsPath: join(__dirname, 'suite', 'index.js'),
      launchArgs: [
        join(repo, 'test', 'fixtures', 'integration-workspace'),
        `--user-data-dir=${join(profile, 'user-data')}`,
        `--extensions-dir=${join(profile, 'extensions')}`,
      ],
      extensionTestsEnv: { [RESULTS_FILE_ENV]: resultsFile },
    });
  } catch (error) {
    editorFailed = true;
    console.error(`integration: ${error instanceof Error ? error.message : String(error)}`);
  }
  const counts = readCounts(resultsFile);
  rmSync(profile, { recursive: true, force: true });
  if (!counts) {
    console.error('integration: the tests reported no counts (the editor failed, or exited before they finished)');
    console.log('integration: 0 passed, 1 failed');
    return 1;
  }
  console.log(`integration: ${counts.passed} passed, ${counts.failed} failed`);
  return editorFailed || counts.failed > 0 ? 1 : 0;
}

function readCounts(file: string): TestCounts | undefined {
  try {
    const counts = JSON.parse(readFileSync(file, 'utf8')) as Partial<TestCounts>;
    return Number.isInteger(counts.passed) && Number.isInteger(counts.failed) ? (counts as TestCounts) : undefined;
  } catch {
    return undefined; // missing or half-written: the run did not finish
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
