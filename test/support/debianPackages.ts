// Debian packages the test suites need from the system (Chromium for page checks and the VS Code
// workbench, bubblewrap for confined test runs, ripgrep for search), installed when missing on a machine where this
// process may (root, apt-get); elsewhere the error names the command to run.
import { spawnSync } from 'node:child_process';
import { runInstallCommand } from './installCommand';

export function missingDebianPackages(packages: readonly string[]): string[] {
  return packages.filter((name) => spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' }).stdout !== 'install ok installed');
}

/** Installs what is missing of `packages`; `log` hears each step. Throws when it cannot, saying what to install. */
export function installDebianPackages(packages: readonly string[], log: (message: string) => void): void {
  const missing = missingDebianPackages(packages);
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0 || spawnSync('apt-get', ['--version']).status !== 0) {
    throw new Error(`missing Debian packages: ${missing.join(', ')}. Install them as root: apt-get install -y ${missing.join(' ')}`);
  }
  const started = Date.now();
  log(`installing Debian packages ${missing.join(', ')}…`);
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  runInstallCommand('apt-get', ['update'], { env });
  runInstallCommand('apt-get', ['install', '-y', ...missing], { env });
  log(`Debian packages ${missing.join(', ')}: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
