// What activation cost, measured honestly: from the moment the entry point started loading the host
// bundle (reading, compiling and running it included) to the end of activate(), and how much of the
// extension's own code was loaded by then (every file of it in Node's module cache).
import { statSync } from 'node:fs';
import { join, sep } from 'node:path';

export interface ActivationReport {
  /** From loading the host bundle to the end of activate(), in milliseconds. */
  readonly ms: number;
  /** Of those, loading the host bundle: reading, compiling and running its modules, before activate() began. */
  readonly loadMs: number;
  /** The extension's bundles loaded by the end of activate(), relative to the extension's folder. */
  readonly files: readonly string[];
  /** Their size on disk. */
  readonly bytes: number;
}

/** `loadStarted`: when the entry point began loading the host bundle; `activateStarted`: when activate() began. */
export function activationReport(extensionPath: string, loadStarted: number, activateStarted: number): ActivationReport {
  const ms = performance.now() - loadStarted;
  // The bundles' folder only: a development host also loads test files from elsewhere in the folder.
  const prefix = join(extensionPath, 'dist') + sep;
  const files = Object.keys(require.cache).filter((file) => file.startsWith(prefix));
  const bytes = files.reduce((sum, file) => sum + (statSync(file, { throwIfNoEntry: false })?.size ?? 0), 0);
  return { ms, loadMs: activateStarted - loadStarted, files: files.map((file) => `dist/${file.slice(prefix.length)}`), bytes };
}
