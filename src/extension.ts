// The entry point package.json names, a few lines: everything real is in the host bundle
// (dist/host.js, from src/host/), loaded here on activation, so its loading is part of the
// activation time the extension reports.
import type { ImperiumApi } from './host/api';

type Host = typeof import('./host/activate');

export function activate(context: Parameters<Host['activate']>[0]): Promise<ImperiumApi> {
  const started = performance.now();
  // A require the bundler leaves to run time (esbuild.config.mjs): dist/host.js beside this file.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const host = require('./host/activate') as Host;
  return host.activate(context, started);
}

export async function deactivate(): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const host = require('./host/activate') as Host;
  await host.deactivate();
}
