// Runs the integration tests (suite/<run>/) inside a real VS Code through @vscode/test-electron, one
// launch per run in runs.ts. By default the "VS Code" is harness/vscodeWeb.js (VS Code 1.139's server
// and web workbench, from a per-user cache that is installed on first use); IMPERIUM_VSCODE=desktop
// lets test-electron download a desktop build instead, for machines with internet.
// IMPERIUM_INTEGRATION_RUNS=editor,tests runs only those. IMPERIUM_INTEGRATION_BUILD=production first
// rebuilds dist/ as `npm run build:prod` does (minified), so the runs load what users install; by
// default they load the development build `npm run test:integration` makes. Ends with
// `integration: N passed, M failed`.
import { runTests } from '@vscode/test-electron';
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, delimiter, join, resolve } from 'node:path';
import { ensureVsCodeInstalled } from './harness/vscodeInstall';
import { INTEGRATION_RUNS, type IntegrationRun } from './runs';
import { type TestCounts, RESULTS_FILE_ENV, RUN_ENV } from './suite/results';

// This file is bundled to out/test/integration/.
const repo = resolve(__dirname, '..', '..', '..');

async function main(): Promise<number> {
  const desktop = process.env.IMPERIUM_VSCODE === 'desktop';
  const runs = selectedRuns();
  buildExtension();
  let vscodeExecutablePath: string | undefined;
  if (!desktop) {
    ensureVsCodeInstalled();
    vscodeExecutablePath = join(__dirname, 'harness', 'vscodeWeb.js');
    chmodSync(vscodeExecutablePath, 0o755); // esbuild writes it without the executable bit
  }
  const total = { passed: 0, failed: 0 };
  for (const run of runs) {
    if (desktop && run.trust === 'restricted') {
      // test-electron always disables workspace trust on desktop.
      console.log(`integration ${run.name}: skipped (Restricted Mode needs the web harness)`);
      continue;
    }
    const counts = await runOne(run, vscodeExecutablePath);
    console.log(`integration ${run.name}: ${counts.passed} passed, ${counts.failed} failed`);
    total.passed += counts.passed;
    total.failed += counts.failed;
  }
  const summaryFile = process.env[RESULTS_FILE_ENV];
  if (summaryFile) writeFileSync(summaryFile, `${JSON.stringify(total)}\n`);
  console.log(`integration: ${total.passed} passed, ${total.failed} failed`);
  return total.failed > 0 ? 1 : 0;
}

/** Rebuilds dist/ as the production build when IMPERIUM_INTEGRATION_BUILD asks for it; leaves the development build otherwise. */
function buildExtension(): void {
  const build = process.env.IMPERIUM_INTEGRATION_BUILD ?? 'development';
  if (build === 'development') return;
  if (build !== 'production') throw new Error(`IMPERIUM_INTEGRATION_BUILD is "${build}": use "production" or "development" (the default)`);
  // Only the bundles in dist/: the compiled tests in out/test/ stay as they are.
  execFileSync(process.execPath, ['esbuild.config.mjs', '--production', '--quiet'], { cwd: repo, stdio: 'inherit' });
  console.log('integration: the extension under test is the production build (dist/ rebuilt with --production)');
}

function selectedRuns(): readonly IntegrationRun[] {
  const names = process.env.IMPERIUM_INTEGRATION_RUNS?.split(',').map((name) => name.trim()).filter(Boolean);
  if (!names?.length) return INTEGRATION_RUNS;
  const unknown = names.filter((name) => !INTEGRATION_RUNS.some((run) => run.name === name));
  if (unknown.length > 0) throw new Error(`IMPERIUM_INTEGRATION_RUNS names unknown runs: ${unknown.join(', ')} (known: ${INTEGRATION_RUNS.map((run) => run.name).join(', ')})`);
  return INTEGRATION_RUNS.filter((run) => names.includes(run.name));
}

/** One VS Code launch; a run that crashes or reports nothing counts as one failure. */
async function runOne(run: IntegrationRun, vscodeExecutablePath: string | undefined): Promise<TestCounts> {
  // A fresh profile and a fresh copy of the workspace per run: nothing carries over.
  const profile = mkdtempSync(join(tmpdir(), `imperium-integration-${run.name}-`));
  const workspace = join(profile, basename(run.workspace));
  cpSync(join(repo, run.workspace), workspace, { recursive: true });
  const resultsFile = join(profile, 'results.json');
  const extensions = join(profile, 'extensions');
  for (const folder of run.extraExtensions ?? []) installExtension(join(repo, folder), extensions);
  const path = run.bubblewrap === 'unusable' ? `${unusableBubblewrap(profile)}${delimiter}${process.env.PATH ?? ''}` : undefined;
  let editorFailed = false;
  try {
    await runTests({
      ...(vscodeExecutablePath ? { vscodeExecutablePath } : {}),
      extensionDevelopmentPath: repo,
      extensionTestsPath: join(__dirname, 'suite', 'index.js'),
      launchArgs: [workspace, `--user-data-dir=${join(profile, 'user-data')}`, `--extensions-dir=${extensions}`],
      extensionTestsEnv: {
        [RESULTS_FILE_ENV]: resultsFile,
        [RUN_ENV]: run.name,
        IMPERIUM_WORKSPACE_TRUST: run.trust === 'restricted' ? 'restricted' : 'disabled',
        ...(path && { PATH: path }),
      },
    });
  } catch (error) {
    editorFailed = true;
    console.error(`integration ${run.name}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const counts = readCounts(resultsFile);
  rmSync(profile, { recursive: true, force: true });
  if (!counts) {
    console.error(`integration ${run.name}: the tests reported no counts (the editor failed, or exited before they finished)`);
    return { passed: 0, failed: 1 };
  }
  return editorFailed && counts.failed === 0 ? { passed: counts.passed, failed: 1 } : counts;
}

/**
 * Puts an extension folder into the run's extensions folder, where VS Code finds it at start as an
 * installed extension. (A second extensionDevelopmentPath would not do: the web workbench reads its
 * URL payload into a Map, which keeps only the last path.)
 */
function installExtension(source: string, extensionsDir: string): void {
  const manifest = JSON.parse(readFileSync(join(source, 'package.json'), 'utf8')) as { publisher: string; name: string; version: string };
  cpSync(source, join(extensionsDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`), { recursive: true });
}

/** A folder holding a `bwrap` that fails as bubblewrap does where it may not create namespaces. */
function unusableBubblewrap(profile: string): string {
  const bin = join(profile, 'bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'bwrap'), '#!/bin/sh\necho "bwrap: setting up uid map: Permission denied" >&2\nexit 1\n', { mode: 0o755 });
  return bin;
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
